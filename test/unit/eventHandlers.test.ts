import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/handlers/dispatch';
import type { Sleep } from '../../electron/core/marketo/client';
import { createRuntime, type Runtime } from '../../electron/core/runtime';
import type { DeliveryRecord } from '../../shared/history';
import type { IpcResult } from '../../shared/ipc/contract';
import type { DeliveryResult } from '../../shared/interaction';
import { webinarTrack } from '../helpers/events';

/** `event:send` and `event:cancel` through the real runtime and its sandbox, as the renderer calls them. */
let dir: string;
let core: Runtime;
/** Resolves when the engine starts its next back-off, which then lasts until the send is cancelled. */
let backOffStarted: () => void = () => {};
const holdUntilAborted: Sleep = (_ms, signal) => {
  backOffStarted();
  return new Promise((_, fail) => {
    if (signal?.aborted) fail(signal.reason);
    signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
  });
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-handlers-'));
  core = await createRuntime({
    userDataDir: dir,
    version: '9.9.9',
    platform: 'test-os',
    engineOptions: { sleep: holdUntilAborted },
    emit: () => {},
    onWarning: () => {},
  });
});
afterEach(async () => {
  await core.dispose();
  await rm(dir, { recursive: true, force: true });
});

const call = (channel: string, request: unknown): Promise<IpcResult<unknown>> =>
  dispatch(core.handlers, channel, request);
const send = (sendId: string) =>
  call('event:send', { event: webinarTrack(), targetId: 'sandbox', dryRun: false, sendId });
const cancel = (sendId: string) => call('event:cancel', { sendId });

/** A send held in a back-off (the lead lookup answers 502) until it is cancelled. */
async function startHeldSend(sendId: string): Promise<{ result: Promise<IpcResult<unknown>> }> {
  core.sandbox.faults.add({ kind: '502', scope: 'leads', count: 3 });
  const waiting = new Promise<void>((started) => (backOffStarted = started));
  const result = send(sendId);
  await waiting;
  // Wrapped: an async function returning the promise itself would wait for the send to end.
  return { result };
}

describe('event:cancel', () => {
  it('an unknown id is a harmless no-op that says so', async () => {
    await expect(cancel('never-sent')).resolves.toEqual({
      ok: true,
      value: {
        cancelled: false,
        message: 'No send with this id is in flight; it may have finished already.',
      },
    });
  });

  it('cancels the send in flight once; a second cancel says it is already cancelling', async () => {
    const pending = (await startHeldSend('held-1')).result;
    // A double click: both arrive before the send has wound down.
    const [first, second] = await Promise.all([cancel('held-1'), cancel('held-1')]);
    expect(first).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(second).toEqual({
      ok: true,
      value: { cancelled: false, message: 'This send is already being cancelled.' },
    });
    const sent = await pending;
    if (!sent.ok) throw new Error(sent.error.message);
    const result = sent.value as DeliveryResult;
    expect(result).toMatchObject({ outcome: 'failed', code: 'CANCELLED' });
    // Recorded like any other delivery, with the exchanges made before the cancel.
    const recorded = await call('history:get', { id: result.id });
    expect(recorded.ok && (recorded.value as DeliveryRecord)).toMatchObject({
      outcome: 'failed',
      code: 'CANCELLED',
      interactions: result.interactions,
    });
    expect(result.interactions.map((i) => i.step)).toEqual(['token', 'lead-lookup']);
    // Finished: the id is forgotten, so cancelling it again is a no-op.
    await expect(cancel('held-1')).resolves.toMatchObject({ ok: true, value: { cancelled: false } });
  });

  it('cancels only the send it names', async () => {
    const held = (await startHeldSend('held-2')).result;
    await expect(cancel('other')).resolves.toMatchObject({ ok: true, value: { cancelled: false } });
    await cancel('held-2');
    const sent = await held;
    expect(sent.ok && (sent.value as DeliveryResult).code).toBe('CANCELLED');
  });

  it('refuses a second send under an id that is still in flight, and a malformed id', async () => {
    const held = (await startHeldSend('held-3')).result;
    await expect(send('held-3')).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await cancel('held-3');
    await held;
    await expect(cancel('')).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(call('event:cancel', { sendId: 'x', extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});
