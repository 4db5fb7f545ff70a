import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, PUSH_CHANNELS, type TesterApi, contract } from '../../shared/ipc/contract';
import { fake } from '../helpers/fakeElectron';

vi.mock('electron', () => import('../helpers/fakeElectron'));

let api: TesterApi;
beforeAll(async () => {
  await import('../../electron/preload/index');
  api = fake.exposed.get('tester') as TesterApi;
});

describe('preload', () => {
  it('exposes only window.tester', () => {
    expect([...fake.exposed.keys()]).toEqual(['tester']);
  });

  it('has exactly one function per contract channel plus on, and nothing else', () => {
    const expected = [...CHANNELS.map((channel) => contract[channel].method), 'on'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('each method invokes its own channel with exactly the one request argument', async () => {
    for (const channel of CHANNELS) {
      fake.invokeCalls.length = 0;
      const method = api[contract[channel].method] as (...args: unknown[]) => Promise<unknown>;
      const request = { marker: channel };
      await expect(method(request, 'extra', 'args')).resolves.toEqual({
        ok: true,
        value: { echoed: channel },
      });
      expect(fake.invokeCalls).toEqual([{ channel, args: [request] }]);
    }
  });

  it('on() refuses channels that are not push channels', () => {
    for (const channel of ['app:info', 'event:send', 'nope', '__proto__', 'toString']) {
      expect(() => api.on(channel as never, () => undefined)).toThrow(/Unknown push channel/);
    }
    expect(() => api.on('event:progress', 'not a function' as never)).toThrow(TypeError);
  });

  it('on() passes only the payload and returns a working unsubscribe', () => {
    for (const channel of PUSH_CHANNELS) {
      const received: unknown[][] = [];
      const off = api.on(channel, (...args: unknown[]) => received.push(args));
      const ipcEvent = { sender: { secretIpcRenderer: true } };
      fake.rendererListeners.emit(channel, ipcEvent, { sendId: 's1' });
      expect(received).toEqual([[{ sendId: 's1' }]]);
      off();
      fake.rendererListeners.emit(channel, ipcEvent, { sendId: 's2' });
      expect(received).toHaveLength(1);
      expect(fake.rendererListeners.listenerCount(channel)).toBe(0);
    }
  });
});
