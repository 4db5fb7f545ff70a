import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../../electron/cli/commands/sandbox';
import type { CliIo } from '../../electron/cli/io';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox';

// The admin HTTP API (for out-of-process users) and `event-tester sandbox`.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('admin routes', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb.close());

  const admin = async (
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> => {
    const res = await fetch(`${sb.url}/__sandbox/${route}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };

  it('reads data and counters, switches faults and resets, without counting itself', async () => {
    const { clientId, clientSecret } = sb.credentials;
    const token = (
      (await (
        await fetch(
          `${sb.url}/identity/oauth/token?grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
        )
      ).json()) as Json
    ).access_token as string;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

    expect((await admin('GET', 'leads')).json.map((l: Json) => l.email)).toContain('ada@example.com');
    expect((await admin('GET', 'settings')).json).toEqual(sb.settings);

    const added = await admin('POST', 'faults', { kind: '611', scope: 'activities', count: 1 });
    expect(added).toEqual({ status: 201, json: [{ kind: '611', scope: 'activities', count: 1 }] });
    expect((await admin('GET', 'faults')).json).toHaveLength(1);
    const activity = {
      leadId: 1001,
      activityDate: '2026-03-01T10:00:00Z',
      activityTypeId: 100101,
      primaryAttributeValue: 'Webinar',
      attributes: [],
    };
    const post = () =>
      fetch(`${sb.url}/rest/v1/activities/external.json`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ input: [activity] }),
      }).then((r) => r.json() as Promise<Json>);
    expect((await post()).errors[0].code).toBe('611');
    expect((await post()).result[0].status).toBe('added');
    expect((await admin('GET', 'activities')).json).toEqual([
      expect.objectContaining({ leadId: 1001, activityTypeId: 100101 }),
    ]);

    const stats = (await admin('GET', 'stats')).json;
    expect(stats).toMatchObject({ totalCalls: 2, identityCalls: 1, faultsInjected: 1 });
    expect(Object.keys(stats.byRoute)).toEqual(['/rest/v1/activities/external.json POST']);

    await admin('POST', 'faults', { kind: '502' });
    expect((await admin('DELETE', 'faults')).json).toEqual([]);
    expect((await admin('POST', 'reset')).status).toBe(200);
    expect((await admin('GET', 'activities')).json).toEqual([]);
    expect((await admin('GET', 'stats')).json).toMatchObject({ totalCalls: 0, identityCalls: 0 });
  });

  it('refuses bad fault rules and unknown routes', async () => {
    const bad = await admin('POST', 'faults', { kind: 'delay' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/delayMs/);
    expect((await admin('POST', 'faults', '{not json')).status).toBe(400);
    expect((await admin('GET', 'nope')).status).toBe(404);
    expect(sb.faults.list()).toEqual([]);
  });
});

describe('event-tester sandbox', () => {
  function fakeIo() {
    const out: string[] = [];
    const err: string[] = [];
    let interrupt: () => void = () => {};
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), interrupted: () => interrupted };
    return { io, out, err, interrupt: () => interrupt() };
  }

  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((r) => setTimeout(r, 5));
  }

  it('serves until interrupted, printing URL, credentials, env lines and admin routes', async () => {
    const { io, out, err, interrupt } = fakeIo();
    const run = runSandbox([], io);
    await until(() => out.length > 0);
    const text = out.join('\n');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    const secret = /client secret\s+(\S+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(text).toContain('client id      sandbox-client');
    expect(text).toContain(`MARKETO_CLIENT_ID=sandbox-client MARKETO_CLIENT_SECRET=${secret}`);
    expect(text).toContain(`event-tester send --endpoint ${url} --settings`);
    expect(text).toContain('/__sandbox/faults');

    // The printed credentials work against the printed URL.
    const res = await fetch(
      `${url}/identity/oauth/token?grant_type=client_credentials&client_id=sandbox-client&client_secret=${secret}`,
    );
    expect(res.status).toBe(200);

    interrupt();
    expect(await run).toBe(0);
    expect(err).toEqual([]);
    await expect(fetch(`${url}/__sandbox/stats`)).rejects.toThrow(TypeError);
  });

  it('listens on the given --port', async () => {
    const probe = await startSandbox();
    const port = probe.port;
    await probe.close();
    const { io, out, interrupt } = fakeIo();
    const run = runSandbox(['--port', String(port)], io);
    await until(() => out.length > 0);
    expect(out[0]).toContain(`http://127.0.0.1:${port}`);
    interrupt();
    expect(await run).toBe(0);
  });

  it.each([[['--port']], [['--port', 'abc']], [['--port', '70000']], [['--port=-1']], [['--verbose']]])(
    'rejects %j as a usage error',
    async (args) => {
      const { io, out, err } = fakeIo();
      expect(await runSandbox(args, io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('\n')).toMatch(/event-tester sandbox: .*\nUsage: event-tester sandbox/);
    },
  );

  describe('with a busy port', () => {
    let blocker: Server;
    let port: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

    it('says the port is in use and exits 2', async () => {
      const { io, out, err } = fakeIo();
      expect(await runSandbox(['--port', String(port)], io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('\n')).toContain(`port ${port} is already in use`);
    });
  });
});
