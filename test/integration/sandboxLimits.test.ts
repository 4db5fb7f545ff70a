import { afterEach, describe, expect, it } from 'vitest';
import { quotaDayOf } from '../../electron/core/marketo/quotaClock';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox';

// Limits (606/615/607), injected faults and the counters tests rely on, over real HTTP.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function sandbox(options: SandboxOptions = {}): Promise<{ sb: Sandbox; token: string }> {
  const sb = await startSandbox(options);
  open.push(sb);
  return { sb, token: await tokenFor(sb) };
}

async function tokenFor(sb: Sandbox): Promise<string> {
  const { clientId, clientSecret } = sb.credentials;
  const res = await fetch(
    `${sb.url}/identity/oauth/token?grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
  );
  return ((await res.json()) as Json).access_token as string;
}

function lookup(sb: Sandbox, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sb.url}/rest/v1/leads.json?filterType=email&filterValues=ada@example.com`, {
    ...init,
    headers: { Authorization: `Bearer ${token}` },
  });
}

async function lookupJson(sb: Sandbox, token: string): Promise<Json> {
  return (await (await lookup(sb, token)).json()) as Json;
}

const codeOf = (body: Json): string => (body.success ? 'ok' : body.errors[0].code);

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 2));
}

describe('rate limit (606)', () => {
  it('refuses calls beyond the sliding window, with the configured numbers, then recovers', async () => {
    const { sb, token } = await sandbox({ rateLimit: { calls: 5, windowMs: 500 } });
    const codes: string[] = [];
    let refusal: Json | undefined;
    for (let i = 0; i < 7; i++) {
      const body = await lookupJson(sb, token);
      codes.push(codeOf(body));
      if (!body.success) refusal = body;
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', '606', '606']);
    expect(refusal?.errors).toEqual([
      { code: '606', message: "Max rate limit '5' exceeded with in '0.5' secs" },
    ]);
    // Refused calls don't hold a slot: once the admitted ones leave the window, calls pass again.
    await new Promise((r) => setTimeout(r, 550));
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
    const stats = sb.stats();
    expect(stats.refused606).toBe(2);
    expect(stats.totalCalls).toBe(8);
    expect(stats.peakInWindow).toBe(7);
    // Identity calls are free: they neither count nor get refused.
    expect(
      (
        await fetch(
          `${sb.url}/identity/oauth/token?grant_type=client_credentials&client_id=x&client_secret=y`,
        )
      ).status,
    ).toBe(401);
    expect(sb.stats().totalCalls).toBe(8);
  });

  it('does not count auth failures against the window', async () => {
    const { sb, token } = await sandbox({ rateLimit: { calls: 2, windowMs: 5_000 } });
    for (let i = 0; i < 3; i++) expect(codeOf(await lookupJson(sb, 'bogus'))).toBe('601');
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
    expect(codeOf(await lookupJson(sb, token))).toBe('606');
    expect(sb.stats().peakInWindow).toBe(6);
  });
});

describe('concurrency limit (615)', () => {
  it('refuses exactly the calls that arrive beyond maxConcurrent in flight', async () => {
    const { sb, token } = await sandbox({ maxConcurrent: 3 });
    sb.faults.add({ kind: 'delay', delayMs: 300, count: 3 });
    const held = Array.from({ length: 3 }, () => lookup(sb, token).then((r) => r.json() as Promise<Json>));
    await until(() => sb.faults.list().length === 0); // all three are in and being held
    const extra = await lookupJson(sb, token);
    expect(extra.errors).toEqual([{ code: '615', message: "Concurrent access limit '3' reached" }]);
    expect((await Promise.all(held)).map(codeOf)).toEqual(['ok', 'ok', 'ok']);
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
    const stats = sb.stats();
    expect(stats.peakInFlight).toBe(4);
    expect(stats.refused615).toBe(1);
    expect(stats.faultsInjected).toBe(3);
  });

  it('counts peak in-flight exactly for a burst of parallel calls', async () => {
    const { sb, token } = await sandbox({ maxConcurrent: 10 });
    sb.faults.add({ kind: 'delay', delayMs: 100, count: 6 });
    const bodies = await Promise.all(Array.from({ length: 6 }, () => lookupJson(sb, token)));
    expect(bodies.map(codeOf)).toEqual(Array(6).fill('ok'));
    expect(sb.stats().peakInFlight).toBe(6);
    expect(sb.stats().refused615).toBe(0);
  });
});

describe('daily quota (607)', () => {
  it('refuses calls once the quota is used', async () => {
    const { sb, token } = await sandbox({ dailyQuota: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(codeOf(await lookupJson(sb, token)));
    expect(codes).toEqual(['ok', 'ok', '607']);
    expect(sb.stats().refused607).toBe(1);
  });

  it("stats/usage.json counts this quota day's calls, this one included, dated in US Central time", async () => {
    const { sb, token } = await sandbox();
    await lookupJson(sb, token);
    await lookupJson(sb, token);
    const res = await fetch(`${sb.url}/rest/v1/stats/usage.json`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as Json;
    expect(body.success).toBe(true);
    expect(body.result[0]).toMatchObject({ date: quotaDayOf(new Date()), total: 3 });
    expect(body.result[0].users[0].count).toBe(3);
  });
});

describe('faults', () => {
  it.each([
    ['601', 'Access token invalid'],
    ['602', 'Access token expired'],
    ['604', 'Request time-out'],
    ['606', "Max rate limit '100' exceeded with in '20' secs"],
    ['611', 'System error'],
    ['615', "Concurrent access limit '10' reached"],
  ] as const)('injects %s as an HTTP 200 envelope error for the next call only', async (kind, message) => {
    const { sb, token } = await sandbox();
    sb.faults.add({ kind, count: 1 });
    const res = await lookup(sb, token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]+#[0-9a-f]+$/),
      success: false,
      errors: [{ code: kind, message }],
    });
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
    expect(sb.stats()).toMatchObject({ faultsInjected: 1, refused606: 0, refused615: 0 });
  });

  it('injects a real HTTP 502 with a short HTML body', async () => {
    const { sb, token } = await sandbox();
    sb.faults.add({ kind: '502', count: 1 });
    const res = await lookup(sb, token);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('502 Bad Gateway');
  });

  it('resets the connection without a response', async () => {
    const { sb, token } = await sandbox();
    sb.faults.add({ kind: 'reset', count: 1 });
    await expect(lookup(sb, token)).rejects.toThrow(TypeError);
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
    expect(sb.stats().faultsInjected).toBe(1);
  });

  it('delays a response past a client timeout, having done the work (the client cannot tell)', async () => {
    const { sb, token } = await sandbox();
    sb.faults.add({ kind: 'delay', delayMs: 500, scope: 'activities', count: 1 });
    const post = fetch(`${sb.url}/rest/v1/activities/external.json`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        input: [
          {
            leadId: 1002,
            activityDate: '2026-03-01T10:00:00Z',
            activityTypeId: 100102,
            primaryAttributeValue: 'pro',
            attributes: [],
          },
        ],
      }),
      signal: AbortSignal.timeout(100),
    });
    await expect(post).rejects.toThrow(/abort|timeout/i);
    expect(sb.activities()).toHaveLength(1);
    // The lookup is out of the fault's scope and answers at once.
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
  });

  it('limits a fault to its scope; 601/602 never hit identity', async () => {
    const { sb, token } = await sandbox();
    sb.faults.add({ kind: '611', scope: 'activities' });
    sb.faults.add({ kind: '601' });
    expect(await tokenFor(sb)).toBe(token);
    expect(codeOf(await lookupJson(sb, token))).toBe('601');
    sb.faults.clear();
    sb.faults.add({ kind: '502', scope: 'identity', count: 1 });
    const { clientId, clientSecret } = sb.credentials;
    const identity = `${sb.url}/identity/oauth/token?grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`;
    expect((await fetch(identity)).status).toBe(502);
    expect((await fetch(identity)).status).toBe(200);
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
  });

  it('count applies to the next N matching calls; list shows what is left', async () => {
    const { sb, token } = await sandbox();
    sb.faults.add({ kind: '606', count: 2 });
    expect(codeOf(await lookupJson(sb, token))).toBe('606');
    expect(sb.faults.list()).toEqual([{ kind: '606', count: 1 }]);
    expect(codeOf(await lookupJson(sb, token))).toBe('606');
    expect(sb.faults.list()).toEqual([]);
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
    expect(sb.stats().faultsInjected).toBe(2);
  });

  it('share applies to the drawn share of calls until cleared', async () => {
    const draws = [0.1, 0.9, 0.2, 0.8, 0.7, 0.3];
    const { sb, token } = await sandbox({ random: () => draws.shift() ?? 1 });
    sb.faults.add({ kind: '611', share: 0.5 });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(codeOf(await lookupJson(sb, token)));
    expect(codes).toEqual(['611', 'ok', '611', 'ok', 'ok', '611']);
    expect(sb.faults.list()).toEqual([{ kind: '611', share: 0.5 }]);
    sb.faults.clear();
    expect(codeOf(await lookupJson(sb, token))).toBe('ok');
  });

  it('refuses malformed rules', async () => {
    const { sb } = await sandbox();
    expect(() => sb.faults.add({ kind: 'delay' })).toThrow(/delayMs/);
    expect(() => sb.faults.add({ kind: '611', share: 2 })).toThrow();
    expect(() => sb.faults.add({ kind: 'boom' as never })).toThrow();
    expect(sb.faults.list()).toEqual([]);
  });
});

describe('stats and lifecycle', () => {
  it('counts calls per route, identity separately', async () => {
    const { sb, token } = await sandbox();
    await lookup(sb, token);
    await lookup(sb, token);
    await fetch(`${sb.url}/rest/v1/leads/describe2.json`, { headers: { Authorization: `Bearer ${token}` } });
    await fetch(`${sb.url}/rest/v1/unknown.json`, { headers: { Authorization: `Bearer ${token}` } });
    await fetch(`${sb.url}/__sandbox/stats`);
    expect(sb.stats()).toEqual({
      totalCalls: 4,
      identityCalls: 1,
      byRoute: {
        '/rest/v1/leads.json GET': 2,
        '/rest/v1/leads/describe2.json GET': 1,
        '/rest/v1/unknown.json GET': 1,
      },
      peakInWindow: 4,
      peakInFlight: 1,
      refused606: 0,
      refused615: 0,
      refused607: 0,
      faultsInjected: 0,
    });
  });

  it('reset returns data, tokens, counters and faults to the seed', async () => {
    const { sb, token } = await sandbox();
    await fetch(`${sb.url}/rest/v1/leads.json`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: [{ email: 'temp@example.com' }] }),
    });
    sb.faults.add({ kind: '611' });
    expect(sb.leads()).toHaveLength(5);
    sb.reset();
    expect(sb.leads()).toHaveLength(4);
    expect(sb.faults.list()).toEqual([]);
    expect(sb.stats()).toMatchObject({ totalCalls: 0, identityCalls: 0, byRoute: {}, peakInWindow: 0 });
    expect(codeOf(await lookupJson(sb, token))).toBe('601'); // the old token is gone
  });

  it('refuses requests whose Host is not loopback', async () => {
    const { sb } = await sandbox();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sb.url}/__sandbox/stats`, { headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses admin requests from another origin, so a web page cannot switch faults', async () => {
    const { sb } = await sandbox();
    const post = (origin: string) =>
      fetch(`${sb.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { Origin: origin, 'Content-Type': 'text/plain' },
        body: JSON.stringify({ kind: '611' }),
      });
    expect((await post('https://evil.example')).status).toBe(403);
    expect(sb.faults.list()).toEqual([]);
    expect((await post(sb.url)).status).toBe(201);
    expect(sb.faults.list()).toHaveLength(1);
  });

  it('closes promptly with a held response and idle keep-alive sockets', async () => {
    const sb = await startSandbox();
    const token = await tokenFor(sb);
    sb.faults.add({ kind: 'delay', delayMs: 20_000, count: 1 });
    const held = lookup(sb, token);
    await until(() => sb.faults.list().length === 0);
    const outcome = await Promise.race([
      sb.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('hung'), 3_000)),
    ]);
    expect(outcome).toBe('closed');
    await expect(held).rejects.toThrow(TypeError);
  });
});
