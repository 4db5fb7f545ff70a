import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../electron/core/runtime';
import { dispatch } from '../../electron/core/handlers/dispatch';
import { contract, type PushChannel } from '../../shared/ipc/contract';
import type {
  CollectorStatus,
  PropertyReport,
  ReceivedEventPage,
  ReceivedEventSummary,
} from '../../shared/collector';

/**
 * The collector as the app and `event-tester ui` run it: started by the runtime, events pushed as
 * `collector:event` once stored, read and configured through the handler table.
 */
let dir: string;
let core: Runtime;
const pushes: { channel: PushChannel; payload: unknown }[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runtime-collector-'));
  pushes.length = 0;
  core = await createRuntime({
    userDataDir: dir,
    version: '9.9.9',
    platform: 'test-os',
    collector: { port: 0 },
    emit: (channel, payload) => pushes.push({ channel, payload }),
    onWarning: () => {},
  });
});
afterEach(async () => {
  await core.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function value<T>(channel: string, request: unknown): Promise<T> {
  const result = await dispatch(core.handlers, channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as T;
}

describe('the runtime collector', () => {
  it('stores, pushes, lists and forwards a source to the sandbox on request', async () => {
    const status = await value<CollectorStatus>('collector:status', {});
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const post = (body: unknown) =>
      fetch(`${status.url}/v1/track`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa('wk_site:')}` },
        body: JSON.stringify(body),
      });
    const event = {
      userId: 'user-1001',
      event: 'Webinar Registered',
      properties: { webinar: 'Live', seats: 1 },
      context: { traits: { email: 'ada@example.com' } },
    };
    expect((await post(event)).status).toBe(200);
    const pushed = pushes
      .filter((p) => p.channel === 'collector:event')
      .map((p) => p.payload as ReceivedEventSummary);
    expect(pushed).toMatchObject([{ eventName: 'Webinar Registered', writeKey: 'wk_site', good: true }]);
    const page = await value<ReceivedEventPage>('collector:list', { search: 'Live' });
    expect(page.total).toBe(1);

    // Off by default; once set, the next good event is delivered with source collector.
    await value('collector:set-forward', { writeKey: 'wk_site', targetId: 'sandbox' });
    expect((await post(event)).status).toBe(200);
    await expect
      .poll(() => pushes.filter((p) => p.channel === 'history:recorded').map((p) => p.payload))
      .toMatchObject([{ source: 'collector', outcome: 'delivered', eventName: 'Webinar Registered' }]);
    expect(core.sandbox.activities()).toHaveLength(1);

    const renamed = await value<{ name: string }>('collector:rename-source', {
      writeKey: 'wk_site',
      name: 'Site',
    });
    expect(renamed.name).toBe('Site');
    const props = await value<PropertyReport>('collector:properties', {
      since: new Date(Date.now() - 60_000).toISOString(),
      type: 'track',
      name: 'Webinar Registered',
      targetId: 'sandbox',
    });
    // The sandbox maps webinar (primary), seats and channel: channel was never sent.
    expect(props.properties).toEqual([
      { path: 'seats', count: 2, types: ['number'], required: true },
      { path: 'webinar', count: 2, types: ['string'], required: true },
      { path: 'channel', count: 0, types: [], required: true },
    ]);
    const missing = await dispatch(core.handlers, 'collector:set-forward', {
      writeKey: 'nope',
      targetId: null,
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('collector:list pages older events by beforeId, checked by the contract on both sides', async () => {
    const status = await value<CollectorStatus>('collector:status', {});
    const batch = Array.from({ length: 25 }, (_, i) => ({
      type: 'track',
      userId: `u${i}`,
      event: i % 2 === 0 ? 'Even' : 'Odd',
    }));
    const posted = await fetch(`${status.url}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ batch, writeKey: 'wk_pages' }),
    });
    expect(posted.status).toBe(200);

    const list = async (request: Record<string, unknown>) =>
      // What the renderer does with every answer: parse it with the channel's response schema.
      contract['collector:list'].response.parse(await value('collector:list', request));
    const first = await list({ event: 'Even', limit: 5 });
    expect(first).toMatchObject({ total: 13, hasMore: true });
    const users = first.items.map((e) => e.userId);
    let page = first;
    while (page.hasMore) {
      page = await list({ event: 'Even', limit: 5, beforeId: page.items.at(-1)!.id });
      users.push(...page.items.map((e) => e.userId));
    }
    expect(users).toEqual([
      'u24',
      'u22',
      'u20',
      'u18',
      'u16',
      'u14',
      'u12',
      'u10',
      'u8',
      'u6',
      'u4',
      'u2',
      'u0',
    ]);

    // Main parses the request: a cursor that is not a positive whole id is refused, not guessed at.
    for (const beforeId of [0, -3, 2.5, '7', null])
      expect(await dispatch(core.handlers, 'collector:list', { beforeId })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
  });
});
