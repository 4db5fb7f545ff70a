import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DeliveryRecordSchema,
  DeliverySummarySchema,
  HistoryPageSchema,
  describeEvent,
  type HistoryQuery,
} from '../../shared/history';
import type { ReadBack } from '../../shared/interaction';
import { openDatabase, type Database } from '../../electron/core/store/database';
import { createDeliveryStore, type DeliveryStore } from '../../electron/core/store/deliveryStore';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { makeRecord } from '../bench/storeRecords';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

let dir: string;
let db: Database;
let store: DeliveryStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'et-deliveries-'));
  db = openDatabase(join(dir, 'event-tester.db'));
  store = createDeliveryStore(db, { now: () => T0 });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string): number => db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;

describe('record and get', () => {
  it('gives back the record as it was given, interactions in order, valid against the schema', () => {
    const record = makeRecord(3, { startedAt: T0, outcome: 'failed' });
    store.record(record);
    const back = store.get(record.id);
    expect(back).toEqual(record);
    expect(DeliveryRecordSchema.parse(back)).toEqual(record);
    expect(back!.interactions.map((i) => i.step)).toEqual(['token', 'lead-lookup', 'activity-post']);
    expect(back!.interactions[2]).toMatchObject({ response: null, classification: { code: '606' } });
    expect(store.get('no-such-id')).toBeNull();
  });

  it('stores the derived columns the list and the dashboards use', () => {
    const record = makeRecord(2, { startedAt: T0, outcome: 'failed', source: 'cli' });
    store.record(record);
    expect(db.get('SELECT * FROM deliveries')).toMatchObject({
      started_at: T0.getTime(),
      finished_at: Date.parse(record.finishedAt),
      source: 'cli',
      profile_id: 'sandbox',
      call_type: 'track',
      event_name: 'Webinar Registered',
      message_id: 'msg-2',
      outcome: 'failed',
      code: '606',
      calls: 3,
      duration_ms: Date.parse(record.finishedAt) - T0.getTime(),
      dry_run: 0,
    });
    expect(db.all('SELECT seq, status FROM interactions ORDER BY seq')).toMatchObject([
      { seq: 0, status: 200 },
      { seq: 1, status: 200 },
      { seq: 2, status: null },
    ]);
  });

  it('writes nothing of a delivery that fails to record, and nothing of a batch with one bad record', () => {
    const record = makeRecord(1, { startedAt: T0 });
    store.record(record);
    expect(() => store.record(record)).toThrow(/UNIQUE/);
    expect(() => store.recordMany([makeRecord(2, { startedAt: T0 }), record])).toThrow(/UNIQUE/);
    expect(count('deliveries')).toBe(1);
    expect(count('interactions')).toBe(3);
  });

  it('records 2,000 deliveries in one batch, the small version of the bench', () => {
    store.recordMany(
      Array.from({ length: 2000 }, (_, n) => makeRecord(n, { startedAt: new Date(T0.getTime() + n) })),
    );
    expect(count('deliveries')).toBe(2000);
    expect(count('interactions')).toBe(6000);
    const page = store.list({ limit: 100 });
    expect(page.total).toBe(2000);
    expect(page.items.map((i) => i.id)).toEqual(
      Array.from({ length: 100 }, (_, k) => makeRecord(1999 - k, { startedAt: T0 }).id),
    );
  });
});

/** A verified send's comparison: one field Marketo kept as sent, one it stored differently. */
const READ_BACK: ReadBack = {
  found: true,
  activityId: 'guid-1',
  fields: [
    { name: 'primaryAttributeValue', sent: 'Spring Webinar', stored: 'Spring Webinar', match: true },
    { name: 'attributes.seats', sent: 2, stored: '2.0', match: false },
    { name: 'attributes.note', sent: { nested: [1, null] }, stored: null, match: false },
  ],
};

describe('read-back', () => {
  it("keeps a verified delivery's read-back and gives it back field by field", () => {
    const record = { ...makeRecord(1, { startedAt: T0, outcome: 'delivered' }), readBack: READ_BACK };
    store.record(record);
    const back = store.get(record.id);
    expect(back).toEqual(record);
    expect(DeliveryRecordSchema.parse(back).readBack).toEqual(READ_BACK);
  });

  it('keeps a read-back that found nothing', () => {
    const notFound: ReadBack = {
      found: false,
      fields: [{ name: 'leadId', sent: 7, stored: null, match: false }],
    };
    const record = { ...makeRecord(2, { startedAt: T0 }), readBack: notFound };
    store.record(record);
    expect(store.get(record.id)!.readBack).toEqual(notFound);
  });

  it('stores nothing for a delivery without one, and reads it back without the key', () => {
    const record = makeRecord(3, { startedAt: T0 });
    store.record(record);
    expect(db.get('SELECT read_back_json FROM deliveries')).toMatchObject({ read_back_json: null });
    expect(store.get(record.id)).not.toHaveProperty('readBack');
  });
});

describe('migration to schema 7 (read-back)', () => {
  it('adds the column to a schema-6 file; its rows read as "no read-back", new rows keep theirs', () => {
    const file = join(dir, 'v6.db');
    const v6 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 6) });
    // Written as schema-6 code wrote them: no read_back_json column yet.
    v6.run(
      `INSERT INTO deliveries (id, started_at, finished_at, source, profile_id, call_type, event_name,
        message_id, outcome, code, reason, hint, calls, duration_ms, dry_run, warnings_json, plan_json,
        event_json) VALUES ('old-1', ?, ?, 'cli', 'sandbox', 'track', 'Webinar Registered', 'm-1',
        'delivered', NULL, 'Marketo added activity 5.', NULL, 1, 40, 0, '[]', '[]', '{"type":"track"}')`,
      T0.getTime(),
      T0.getTime() + 40,
    );
    v6.run(
      `INSERT INTO interactions (delivery_id, seq, step, attempt, started_at, duration_ms, status,
        request_json) VALUES ('old-1', 0, 'activity-post', 1, ?, 40, 200, '{"method":"POST","url":"/x","headers":{}}')`,
      T0.getTime(),
    );
    expect(v6.get('PRAGMA user_version')).toMatchObject({ user_version: 6 });
    v6.close();

    const migrated = openDatabase(file);
    try {
      expect(migrated.get('PRAGMA user_version')).toMatchObject({ user_version: SCHEMA_VERSION });
      const deliveries = createDeliveryStore(migrated, { now: () => T0 });
      const old = deliveries.get('old-1');
      expect(old).toMatchObject({ id: 'old-1', outcome: 'delivered', event: { type: 'track' } });
      expect(old).not.toHaveProperty('readBack');
      expect(old!.interactions).toHaveLength(1);
      const verified = { ...makeRecord(9, { startedAt: T0 }), readBack: READ_BACK };
      deliveries.record(verified);
      expect(deliveries.get(verified.id)!.readBack).toEqual(READ_BACK);
      expect(deliveries.list().total).toBe(2);
    } finally {
      migrated.close();
    }
  });
});

describe('odd events', () => {
  const odd: Array<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['an array', [{ type: 'track', event: 'x' }]],
    ['a string', 'track'],
    ['a number', 42],
    ['type constructor', { type: 'constructor' }],
    ['type __proto__', JSON.parse('{"type":"track","__proto__":{"event":"inherited"}}')],
    ['inherited fields', Object.create({ type: 'track', event: 'inherited' })],
    ['non-string fields', { type: 'track', event: { name: 'x' }, messageId: 7 }],
    ['a huge name', { type: 'track', event: 'e'.repeat(2_000_000), messageId: 'm'.repeat(100_000) }],
    ['a bigint', { type: 'identify', traits: { n: 10n } }],
    [
      'a cycle',
      (() => {
        const a: Record<string, unknown> = { type: 'page', name: 'Home' };
        a.self = a;
        return a;
      })(),
    ],
    [
      'a throwing getter',
      Object.defineProperty({}, 'type', {
        enumerable: true,
        get: () => {
          throw new Error('boom');
        },
      }),
    ],
  ];

  it.each(odd)('records and lists %s without throwing', (_, event) => {
    const record = makeRecord(1, { startedAt: T0, event });
    expect(() => store.record(record)).not.toThrow();
    const page = store.list({});
    expect(HistoryPageSchema.parse(page).items).toHaveLength(1);
    const back = store.get(record.id)!;
    expect(DeliveryRecordSchema.safeParse(back).success).toBe(true);
  });

  it('labels only known call types from own string properties, clipped for the list', () => {
    expect(describeEvent({ type: 'constructor', event: 'x' })).toEqual({
      callType: null,
      eventName: null,
      messageId: null,
    });
    expect(describeEvent(Object.create({ type: 'track' }))).toEqual({
      callType: null,
      eventName: null,
      messageId: null,
    });
    expect(describeEvent({ type: 'page', name: 'Pricing', messageId: 'm1' })).toEqual({
      callType: 'page',
      eventName: 'Pricing',
      messageId: 'm1',
    });
    expect(describeEvent({ type: 'identify', name: 'not an event name' }).eventName).toBeNull();
    expect(describeEvent({ type: 'track', event: 'e'.repeat(10_000) }).eventName).toHaveLength(500);
    expect(describeEvent({ type: 'track', event: `${'e'.repeat(499)}😀` }).eventName).toHaveLength(499);
  });

  it('keeps the whole huge event in the record', () => {
    const event = { type: 'track', event: 'e'.repeat(2_000_000) };
    store.record(makeRecord(1, { startedAt: T0, event }));
    expect(store.get(makeRecord(1, { startedAt: T0 }).id)!.event).toEqual(event);
  });

  it('falls back to the clock for a time that is not a date', () => {
    const record = { ...makeRecord(1, { startedAt: T0 }), startedAt: 'yesterday', finishedAt: 'later' };
    store.record(record);
    const summary = store.list({}).items[0]!;
    expect(summary).toMatchObject({
      startedAt: T0.toISOString(),
      finishedAt: T0.toISOString(),
      durationMs: 0,
    });
  });
});

describe('list', () => {
  beforeEach(() => {
    // Two at the same minute: the later-recorded comes first.
    const at = [0, 5, 5, 10, 20, 30];
    const outcomes = ['delivered', 'failed', 'delivered', 'rejected', 'delivered', 'failed'] as const;
    const sources = ['app', 'cli', 'app', 'suite', 'cli', 'app'] as const;
    store.recordMany(
      at.map((m, n) => makeRecord(n, { startedAt: minutes(m), outcome: outcomes[n], source: sources[n] })),
    );
  });
  const ids = (page: { items: Array<{ id: string }> }): string[] => page.items.map((i) => i.id.slice(-1));

  it('lists newest first, then by the order recorded, with the total', () => {
    const page = store.list({});
    expect(ids(page)).toEqual(['5', '4', '3', '2', '1', '0']);
    expect(page).toMatchObject({ total: 6, offset: 0 });
    for (const item of page.items) DeliverySummarySchema.parse(item);
    expect(page.items[0]).toMatchObject({
      source: 'app',
      targetId: 'sandbox',
      callType: 'track',
      outcome: 'failed',
      code: '606',
      calls: 3,
      startedAt: minutes(30).toISOString(),
    });
  });

  it('pages with offset and limit, the total counting every match', () => {
    expect(store.list({ offset: 2, limit: 2 })).toMatchObject({ total: 6, offset: 2 });
    expect(ids(store.list({ offset: 2, limit: 2 }))).toEqual(['3', '2']);
    expect(ids(store.list({ offset: 6 }))).toEqual([]);
  });

  it('filters by since, outcomes and sources together, total included', () => {
    expect(ids(store.list({ since: minutes(5).toISOString() }))).toEqual(['5', '4', '3', '2', '1']);
    expect(ids(store.list({ outcomes: ['failed', 'rejected'] }))).toEqual(['5', '3', '1']);
    expect(ids(store.list({ sources: ['cli'] }))).toEqual(['4', '1']);
    const page = store.list({
      since: minutes(10).toISOString(),
      outcomes: ['delivered', 'failed'],
      sources: ['app'],
    });
    expect(ids(page)).toEqual(['5']);
    expect(page.total).toBe(1);
    expect(store.list({ since: '2026-03-01T13:05:00+01:00' }).total).toBe(5);
  });

  it('finds event names containing the text, any ASCII case, with the other filters and the total', () => {
    store.recordMany([
      makeRecord(10, {
        startedAt: minutes(40),
        source: 'cli',
        event: { type: 'track', event: 'Form 100% Filled' },
      }),
      makeRecord(11, {
        startedAt: minutes(41),
        source: 'app',
        event: { type: 'page', name: 'Pricing_Page' },
      }),
      makeRecord(12, { startedAt: minutes(42), source: 'cli', event: { type: 'identify', userId: 'u' } }),
      makeRecord(13, {
        startedAt: minutes(43),
        source: 'cli',
        event: { type: 'track', event: 'CAFÉ Visited' },
      }),
    ]);
    const found = (query: HistoryQuery) => store.list(query).items.map((i) => i.eventName);
    expect(found({ eventContains: 'form 100' })).toEqual(['Form 100% Filled']);
    // Matched as typed: % and _ are text, not LIKE wildcards.
    expect(found({ eventContains: '%' })).toEqual(['Form 100% Filled']);
    expect(found({ eventContains: 'g_p' })).toEqual(['Pricing_Page']);
    expect(found({ eventContains: 'WEBINAR' })).toHaveLength(3);
    expect(store.list({ eventContains: 'webinar', sources: ['cli'] }).total).toBe(1);
    expect(found({ eventContains: 'café' })).toEqual([]);
    expect(found({ eventContains: 'cafÉ' })).toEqual(['CAFÉ Visited']);
    expect(() => store.list({ eventContains: '' })).toThrow();
  });

  it('pages a search newest first exactly as the full list orders it, ties and since included', () => {
    // Pairs of deliveries share a start time, so ties are ordered by insertion (rowid), newest first.
    store.recordMany(
      Array.from({ length: 40 }, (_, i) =>
        makeRecord(100 + i, {
          startedAt: minutes(50 + Math.floor(i / 2)),
          event: { type: 'track', event: i % 3 === 0 ? `Trial Started ${i}` : `Webinar Registered ${i}` },
        }),
      ),
    );
    const fullIds = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);
    const all = store.list({ limit: 500 }).items;
    const expected = all.filter((i) => (i.eventName ?? '').toLowerCase().includes('trial')).map((i) => i.id);
    const paged = [0, 5, 10].flatMap((offset) =>
      fullIds(store.list({ eventContains: 'TRIAL', limit: 5, offset })),
    );
    expect(paged).toEqual(expected.slice(0, 15));
    expect(store.list({ eventContains: 'trial' }).total).toBe(expected.length);
    const since = new Date(minutes(60)).toISOString();
    expect(fullIds(store.list({ eventContains: 'trial', since, limit: 500 }))).toEqual(
      all.filter((i) => (i.eventName ?? '').includes('Trial') && i.startedAt >= since).map((i) => i.id),
    );
  });

  it('reads an empty filter list as no filter', () => {
    expect(store.list({ outcomes: [], sources: [] }).total).toBe(6);
  });

  it('rejects a query outside the contract', () => {
    expect(() => store.list({ limit: 100_000 })).toThrow();
    expect(() => store.list({ since: 'last week' })).toThrow();
  });
});

describe('countOutcomes and prune', () => {
  beforeEach(() => {
    const day = 24 * 60;
    store.recordMany([
      makeRecord(0, { startedAt: minutes(-day - 1), outcome: 'delivered' }),
      makeRecord(1, { startedAt: minutes(-day), outcome: 'failed' }),
      makeRecord(2, { startedAt: minutes(-1), outcome: 'delivered' }),
      makeRecord(3, { startedAt: minutes(-1), outcome: 'delivered' }),
      makeRecord(4, { startedAt: minutes(0), outcome: 'rejected' }),
    ]);
  });

  it("counts one day's deliveries per outcome, every outcome present, the end excluded", () => {
    expect(store.countOutcomes({ since: minutes(-24 * 60), until: T0 })).toEqual({
      delivered: 2,
      failed: 1,
      rejected: 0,
      skipped: 0,
      uncertain: 0,
      planned: 0,
    });
  });

  it('removes deliveries started before the cutoff with their interactions', () => {
    expect(store.prune(minutes(-60))).toBe(2);
    expect(count('deliveries')).toBe(3);
    expect(count('interactions')).toBe(9);
    expect(store.get(makeRecord(0, { startedAt: T0 }).id)).toBeNull();
    expect(store.prune(minutes(-60))).toBe(0);
  });

  it('prunes more rows than one chunk', () => {
    store.recordMany(
      Array.from({ length: 4500 }, (_, n) =>
        makeRecord(100 + n, { startedAt: minutes(-2000), interactions: 1 }),
      ),
    );
    expect(store.prune(minutes(-1000))).toBe(4502);
    expect(count('deliveries')).toBe(3);
    expect(count('interactions')).toBe(9);
  });
});
