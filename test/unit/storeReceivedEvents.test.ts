import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type NewReceivedEvent, type Store } from '../../electron/core/store';

/**
 * Received events in a real SQLite file: listing with filters and keyword search, and the Schema
 * view's aggregates, checked against a generated data set whose ratios are known exactly.
 */

let dir: string;
let store: Store;
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');

function event(
  overrides: Partial<NewReceivedEvent> & { payload: Record<string, unknown> },
): NewReceivedEvent {
  const payload = overrides.payload;
  return {
    arrivedAt: new Date(START),
    writeKey: 'wk',
    endpoint: '/v1/batch',
    library: 'analytics.js',
    type: (payload.type as string) ?? 'track',
    eventName: (payload.event as string) ?? (payload.name as string) ?? null,
    userId: 'u1',
    anonymousId: null,
    good: true,
    problems: [],
    ...overrides,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-received-'));
  store = openStore({ dataDir: dir, now: () => new Date(START + 3 * DAY) });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('received events', () => {
  it('prunes events older than the cutoff in chunks, keeping the newer ones and the sources', () => {
    const events = Array.from({ length: 4_500 }, (_, n) =>
      event({
        arrivedAt: new Date(START + (n < 4_100 ? 0 : 2 * DAY)),
        payload: { type: 'track', event: `E${n}` },
      }),
    );
    store.received.recordMany(events);
    expect(store.received.prune(new Date(START + DAY))).toBe(4_100);
    expect(store.received.list().total).toBe(400);
    expect(store.received.sources().map((s) => s.writeKey)).toEqual(['wk']);
    expect(() => store.received.prune(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('lists newest first with filters, keyword search and sources created on first sight', () => {
    const stored = store.received.recordMany([
      event({ payload: { type: 'track', event: 'Webinar Registered', properties: { plan: 'Gold_50%' } } }),
      event({ writeKey: 'other', payload: { type: 'page', name: 'Pricing' }, good: false }),
      event({ payload: { type: 'identify', traits: { email: 'ada@example.com' } } }),
    ]);
    expect(stored.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(store.received.list().items.map((i) => i.id)).toEqual([3, 2, 1]);
    expect(store.received.list({ good: false }).items.map((i) => i.eventName)).toEqual(['Pricing']);
    expect(store.received.list({ search: 'ADA@example' }).items.map((i) => i.type)).toEqual(['identify']);
    // LIKE wildcards in the user's words are literal.
    expect(store.received.list({ search: '_50%' }).total).toBe(1);
    expect(store.received.list({ search: '%' }).total).toBe(1);
    expect(store.received.list({ source: 'other' }).total).toBe(1);
    expect(store.received.sources().map((s) => [s.writeKey, s.events])).toEqual([
      ['wk', 2],
      ['other', 1],
    ]);
    expect(store.received.setForward('wk', 'sandbox')).toBe(true);
    expect(store.received.source('wk')?.forwardTargetId).toBe('sandbox');
    expect(store.received.get(1)?.payload).toEqual({
      type: 'track',
      event: 'Webinar Registered',
      properties: { plan: 'Gold_50%' },
    });
    expect(store.received.reset()).toBe(3);
    expect(store.received.list().total).toBe(0);
  });

  it('pages older matches by an id cursor: ties on arrival time, filters, search, arrivals between pages', () => {
    // Batches of 50 share one arrival time, so any page boundary falls among equal times.
    const batch = (from: number) =>
      Array.from({ length: 50 }, (_, i) => {
        const n = from + i;
        return event({
          arrivedAt: new Date(START + Math.floor(n / 50) * 1000),
          writeKey: n % 3 === 0 ? 'web' : 'api',
          good: n % 7 !== 0,
          payload: { type: 'track', event: `E${n % 4}`, properties: { tag: n % 5 === 0 ? 'needle' : 'hay' } },
        });
      });
    for (let from = 0; from < 1_000; from += 50) store.received.recordMany(batch(from));
    const filters = { source: 'web', event: 'E1', good: true, search: 'needle' } as const;
    const matching = store.received.list({ ...filters, limit: 1000 });
    expect(matching.hasMore).toBe(false);
    expect(matching.total).toBe(matching.items.length);
    expect(matching.total).toBeGreaterThan(10);

    const seen: number[] = [];
    let page = store.received.list({ ...filters, limit: 7 });
    seen.push(...page.items.map((e) => e.id));
    while (page.hasMore) {
      // Newer matching events arrive at the top between pages; the cursor does not move with them.
      store.received.recordMany(batch(5_000 + seen.length * 10));
      page = store.received.list({ ...filters, limit: 7, beforeId: page.items.at(-1)!.id });
      expect(page.items.length).toBeGreaterThan(0);
      seen.push(...page.items.map((e) => e.id));
    }
    // Every match stored before paging began, each once, newest first: no gap, no duplicate.
    expect(seen).toEqual(matching.items.map((e) => e.id));
    for (const id of seen) {
      const stored = store.received.get(id)!;
      expect(stored).toMatchObject({ writeKey: 'web', eventName: 'E1', good: true });
      expect(JSON.stringify(stored.payload)).toContain('needle');
    }
    // The count is of every match, not of the page nor the cursor; it grew with the arrivals.
    expect(page.total).toBeGreaterThan(matching.total);
    expect(store.received.list({ ...filters, beforeId: 1 })).toMatchObject({ items: [], hasMore: false });
  });

  it('filters by a source name as by its write key, and by a name two sources share', () => {
    store.received.recordMany([
      event({ writeKey: 'k1', payload: { type: 'track', event: 'A' } }),
      event({ writeKey: 'k2', payload: { type: 'track', event: 'B' } }),
      event({ writeKey: 'k3', payload: { type: 'track', event: 'C' } }),
    ]);
    store.received.renameSource('k1', 'Site');
    store.received.renameSource('k3', 'Site');
    expect(store.received.list({ source: 'k2' }).items.map((e) => e.eventName)).toEqual(['B']);
    expect(store.received.list({ source: 'Site' }).items.map((e) => e.eventName)).toEqual(['C', 'A']);
    expect(store.received.list({ source: 'nobody' })).toMatchObject({ items: [], total: 0 });
  });

  it('counts calls per day and per event, and property presence with exact ratios', () => {
    // 40 Page Viewed over two days: path and url always; referrer 3 in 4; search 1 in 4 (and as a
    // number once); 10 identifies; 5 tracks with products[].sku in 4 of them.
    const events: NewReceivedEvent[] = [];
    for (let i = 0; i < 40; i++) {
      const properties: Record<string, unknown> = { path: '/p', url: 'https://example.com/p' };
      if (i % 4 !== 0) properties.referrer = 'https://google.com';
      if (i % 4 === 0) properties.search = i === 0 ? 42 : '?q=x';
      events.push(
        event({
          arrivedAt: new Date(START + (i < 30 ? 0 : DAY) + i * 1000),
          payload: { type: 'page', name: 'Page Viewed', properties },
        }),
      );
    }
    for (let i = 0; i < 10; i++)
      events.push(event({ payload: { type: 'identify', traits: { email: `u${i}@example.com` } } }));
    for (let i = 0; i < 5; i++)
      events.push(
        event({
          payload: {
            type: 'track',
            event: 'Order Completed',
            properties: i < 4 ? { products: [{ sku: 'a' }, { sku: 'b' }] } : { products: [] },
          },
        }),
      );
    store.received.recordMany(events);

    const since = new Date(START).toISOString();
    const report = store.schema.schema({ since, bucket: 'day' });
    expect(report.total).toBe(55);
    expect(report.buckets).toEqual([
      { at: '2026-03-01T00:00:00.000Z', count: 45 },
      { at: '2026-03-02T00:00:00.000Z', count: 10 },
      { at: '2026-03-03T00:00:00.000Z', count: 0 },
    ]);
    expect(report.events.map((e) => [e.type, e.name, e.count])).toEqual([
      ['page', 'Page Viewed', 40],
      ['identify', null, 10],
      ['track', 'Order Completed', 5],
    ]);

    const page = store.schema.properties({ since, type: 'page', name: 'Page Viewed' }, ['title']);
    expect(page.total).toBe(40);
    expect(page.properties).toEqual([
      { path: 'path', count: 40, types: ['string'], required: false },
      { path: 'url', count: 40, types: ['string'], required: false },
      { path: 'referrer', count: 30, types: ['string'], required: false },
      { path: 'search', count: 10, types: ['number', 'string'], required: false },
      { path: 'title', count: 0, types: [], required: true },
    ]);
    const order = store.schema.properties({ since, type: 'track', name: 'Order Completed' });
    expect(order.properties).toEqual([
      { path: 'products', count: 5, types: ['array'], required: false },
      { path: 'products[].sku', count: 4, types: ['string'], required: false },
    ]);
    const identify = store.schema.properties({ since, type: 'identify', name: null, bucket: 'hour' });
    expect(identify).toMatchObject({ total: 10, bag: 'traits' });
    expect(identify.buckets).toHaveLength(72);
  });
});
