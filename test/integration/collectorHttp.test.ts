import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedEvent, ReceivedEventSummary } from '../../shared/collector';
import { startCollector, type Collector } from '../../electron/core/collector';
import { openStore, type Store } from '../../electron/core/store';

/**
 * The collector over real HTTP into a real SQLite file: the paths, encodings and auth Segment's
 * libraries use, the limits, CORS, and the loopback-only test routes.
 */

let dir: string;
let store: Store;
let collector: Collector;
const pushed: ReceivedEventSummary[] = [];
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

const track = {
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  messageId: 'm-1',
  properties: { webinar: 'Spring Launch', seats: 2 },
  context: { library: { name: 'analytics-node-next', version: '3.1.0' } },
};

async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : { text };
  return { status: res.status, json: json as Record<string, unknown>, headers: res.headers };
}

async function events(query = ''): Promise<{ total: number; events: ReceivedEvent[] }> {
  const res = await fetch(`${collector.url}/__collector/events${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; events: ReceivedEvent[] };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collector-http-'));
  store = openStore({ dataDir: dir });
  collector = await startCollector({
    store: store.received,
    port: 0,
    onEvents: (items) => pushed.push(...items),
    onWarning: () => {},
  });
});
afterAll(async () => {
  await collector.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  pushed.length = 0;
  expect((await fetch(`${collector.url}/__collector/reset`, { method: 'POST' })).status).toBe(200);
});

describe('the tracking API', () => {
  it('takes a track on /v1/track with a Basic-auth write key and answers as Segment does', async () => {
    const res = await post('/v1/track', JSON.stringify({ ...track, type: undefined }), {
      Authorization: basic('wk_web'),
    });
    expect(res).toMatchObject({ status: 200, json: { success: true } });
    const { events: got } = await events();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      writeKey: 'wk_web',
      type: 'track',
      eventName: 'Webinar Registered',
      userId: 'user-1001',
      library: 'analytics-node-next',
      endpoint: '/v1/track',
      good: true,
    });
    // Posted to /v1/track without "type": stored as the track it was posted as.
    expect((got[0]!.payload as Record<string, unknown>).type).toBe('track');
    expect(pushed.map((e) => e.id)).toEqual([got[0]!.id]);
  });

  it('takes a gzip batch with the write key in the body, merging the envelope context', async () => {
    const batch = {
      writeKey: 'wk_server',
      context: { library: { name: 'analytics-node-next', version: '3.1.0' } },
      batch: [
        { type: 'identify', userId: 'u1', traits: { email: 'ada@example.com' } },
        { type: 'page', anonymousId: 'a1', name: 'Pricing', properties: { url: 'https://example.com/p' } },
        { type: 'track', event: 'Signed Up', userId: 'u1' },
      ],
    };
    const res = await post('/v1/batch', gzipSync(JSON.stringify(batch)), { 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    const { total, events: got } = await events();
    expect(total).toBe(3);
    expect(got.map((e) => [e.type, e.eventName, e.writeKey, e.library])).toEqual([
      ['track', 'Signed Up', 'wk_server', 'analytics-node-next'],
      ['page', 'Pricing', 'wk_server', 'analytics-node-next'],
      ['identify', null, 'wk_server', 'analytics-node-next'],
    ]);
  });

  it("takes analytics.js's text/plain one-letter paths with CORS for a localhost page", async () => {
    const origin = 'http://localhost:5173';
    const preflight = await fetch(`${collector.url}/v1/t`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const res = await post('/v1/p', JSON.stringify({ type: 'page', anonymousId: 'a2', writeKey: 'wk_js' }), {
      'Content-Type': 'text/plain',
      Origin: origin,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect((await events('?type=page')).events[0]).toMatchObject({ writeKey: 'wk_js', good: true });
  });

  it('refuses pages on other sites and foreign Host names', async () => {
    const foreign = await post('/v1/t', JSON.stringify(track), { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${collector.url}/v1/track`,
        { method: 'POST', headers: { Host: 'evil.test' } },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(track));
    });
    expect(status).toBe(403);
    expect((await events()).total).toBe(0);
  });

  it('keeps bad events with located problems, and flags oversize instead of dropping it', async () => {
    await post('/v1/track', JSON.stringify({ userId: 'u1', properties: {} }));
    await post('/v1/identify', JSON.stringify({ traits: { email: 'x@example.com' } }));
    const big = { ...track, properties: { blob: 'x'.repeat(40 * 1024) } };
    expect((await post('/v1/track', JSON.stringify(big))).status).toBe(200);
    const bad = await events('?good=false');
    expect(bad.total).toBe(3);
    const [oversize, noId, noEvent] = bad.events;
    expect(oversize!.problems.some((p) => p.level === 'error' && p.message.includes('32 KB'))).toBe(true);
    expect(noId!.problems.some((p) => p.level === 'error')).toBe(true);
    expect(noEvent!.problems).toContainEqual(expect.objectContaining({ level: 'error', path: '$.event' }));
    expect((await events('?good=true')).total).toBe(0);
  });

  it('flags a batch over 500 KB on every event it carried', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      ...track,
      messageId: `m-${i}`,
      properties: { blob: 'y'.repeat(30 * 1024) },
    }));
    expect((await post('/v1/batch', JSON.stringify({ batch: items }))).status).toBe(200);
    const got = await events('?limit=100');
    expect(got.total).toBe(20);
    expect(got.events.every((e) => !e.good && e.problems.some((p) => p.message.includes('500 KB')))).toBe(
      true,
    );
  });

  it('answers invalid JSON with 400 and still records what came', async () => {
    const res = await post('/v1/track', '{"type": "track",', { Authorization: basic('wk_broken') });
    expect(res.status).toBe(400);
    const [event] = (await events()).events;
    expect(event).toMatchObject({ good: false, type: null, writeKey: 'wk_broken' });
    expect(event!.problems[0]!.message).toMatch(/not valid JSON/);
  });

  it('serves the settings analytics.js loads, pointing it back at the collector', async () => {
    const res = await fetch(`${collector.url}/v1/projects/wk_js/settings`);
    const settings = (await res.json()) as {
      integrations: Record<string, { apiHost: string; apiKey: string }>;
    };
    expect(settings.integrations['Segment.io']).toMatchObject({
      apiKey: 'wk_js',
      apiHost: `127.0.0.1:${collector.port}/v1`,
    });
  });

  it('filters by type, event, source and since on the test route, and keeps sources by write key', async () => {
    await post('/v1/track', JSON.stringify(track), { Authorization: basic('wk_a') });
    await post('/v1/track', JSON.stringify({ ...track, event: 'Trial Started' }), {
      Authorization: basic('wk_b'),
    });
    expect((await events('?event=Trial%20Started')).total).toBe(1);
    expect((await events('?source=wk_a')).total).toBe(1);
    expect(
      (await events(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).total,
    ).toBe(0);
    expect((await fetch(`${collector.url}/__collector/events?since=yesterday`)).status).toBe(400);
    const sources = (await (await fetch(`${collector.url}/__collector/sources`)).json()) as {
      writeKey: string;
    }[];
    expect(sources.map((s) => s.writeKey)).toEqual(expect.arrayContaining(['wk_a', 'wk_b']));
    expect(store.received.renameSource('wk_a', 'Marketing site')).toBe(true);
    expect((await events('?source=Marketing%20site')).events[0]!.sourceName).toBe('Marketing site');
  });

  it('takes no cross-origin requests on the test routes', async () => {
    const res = await fetch(`${collector.url}/__collector/reset`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:5173' },
    });
    expect(res.status).toBe(403);
  });
});
