import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeliveryStats,
  type DeliveryStatsService,
} from '../../electron/core/deliveryStats/deliveryStats';
import { openDatabase } from '../../electron/core/store/database';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { openStore, type Store } from '../../electron/core/store';
import { exactQuantile } from '../../electron/core/store/latencyHistogram';
import type { DeliveryRecord } from '../../shared/history';
import type { Interaction, Outcome } from '../../shared/interaction';
import { makeRecord } from '../bench/storeRecords';

/** The Delivery aggregates in a real SQLite file, checked against the delivery rows they summarise. */

const NOW = new Date('2026-03-15T12:34:56.000Z');
const at = (minutesAgo: number, seconds = 0) =>
  new Date(NOW.getTime() - minutesAgo * 60_000 + seconds * 1000);

let dir: string;
let store: Store;
let stats: DeliveryStatsService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'et-delivery-stats-'));
  store = openStore({ dataDir: dir, now: () => NOW });
  stats = createDeliveryStats(store.stats, { now: () => NOW, records: store.deliveries });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function record(
  n: number,
  startedAt: Date,
  outcome: Outcome,
  extra: Partial<DeliveryRecord> = {},
): DeliveryRecord {
  const base = makeRecord(n, { startedAt, outcome });
  const durationMs = 20 + ((n * 37) % 900);
  return {
    ...base,
    finishedAt: new Date(startedAt.getTime() + durationMs).toISOString(),
    code: undefined,
    reason: undefined,
    hint: undefined,
    ...extra,
  };
}

const retried606: Interaction = {
  step: 'activity-post',
  attempt: 1,
  startedAt: NOW.toISOString(),
  durationMs: 5,
  request: { method: 'POST', url: 'http://127.0.0.1/rest/v1/activities/external.json', headers: {} },
  response: { status: 200, headers: {}, body: { success: false } },
  error: { code: '606', message: 'Max rate limit' },
  classification: { kind: 'transient', code: '606', hint: 'wait' },
};

function seedMix(): DeliveryRecord[] {
  const records: DeliveryRecord[] = [];
  for (let i = 0; i < 40; i++) {
    const outcome = (['delivered', 'delivered', 'rejected', 'failed', 'skipped'] as const)[i % 5]!;
    const extra: Partial<DeliveryRecord> =
      outcome === 'rejected'
        ? { code: 'UNMAPPED_EVENT', interactions: [] }
        : outcome === 'failed'
          ? { code: '1006' }
          : outcome === 'skipped'
            ? { interactions: [] }
            : {};
    records.push(record(i, at(i * 7, i % 60), outcome, extra));
  }
  const recovered = record(100, at(3), 'delivered');
  recovered.interactions = [retried606, { ...recovered.interactions[1]!, attempt: 2 }];
  records.push(recovered);
  store.deliveries.recordMany(records);
  return records;
}

const durationOf = (r: DeliveryRecord) => Date.parse(r.finishedAt) - Date.parse(r.startedAt);

describe('summary', () => {
  it('counts every outcome as the delivery rows do, with calls, success rate and latency', () => {
    const records = seedMix();
    const overview = stats.overview({ period: '24h' });
    expect(overview.ok).toBe(true);
    if (!overview.ok) return;
    const { current, range } = overview.value;
    const inRange = records.filter((r) => Date.parse(r.startedAt) >= Date.parse(range.start));
    const counts = store.deliveries.countOutcomes({
      since: new Date(range.start),
      until: new Date(range.end),
    });
    expect(current).toMatchObject({
      total: inRange.length,
      delivered: counts.delivered,
      rejected: counts.rejected,
      failed: counts.failed,
      skipped: counts.skipped,
      uncertain: 0,
      retriedDelivered: 1,
      calls: inRange.reduce((sum, r) => sum + r.interactions.length, 0),
    });
    expect(current.successRate).toBeCloseTo(counts.delivered / (inRange.length - counts.skipped), 10);
    const exactMedian = exactQuantile(inRange.map(durationOf), 0.5)!;
    expect(Math.abs(current.medianMs! - exactMedian) / exactMedian).toBeLessThan(0.123);
    const exactP95 = exactQuantile(inRange.map(durationOf), 0.95)!;
    expect(Math.abs(current.p95Ms! - exactP95) / exactP95).toBeLessThan(0.123);
  });

  it('charges a batched call once, not once per event that took part in it', () => {
    // Three events shared one lookup and one post (a batch of three records); one also had its own call.
    const shared = (index: number): Interaction[] =>
      [retried606, { ...retried606, step: 'lead-lookup' as const }].map((interaction) => ({
        ...interaction,
        error: null,
        classification: undefined,
        batch: { records: 3, index },
      }));
    const events = [0, 1, 2].map((index) =>
      record(200 + index, at(2), 'delivered', { source: 'suite', interactions: shared(index) }),
    );
    events[2]!.interactions.push({ ...retried606, error: null, classification: undefined });
    store.deliveries.recordMany(events);
    const suite = stats.overview({ period: '10m', sources: ['suite'] });
    expect(suite.ok && suite.value.current).toMatchObject({ total: 3, calls: 3 });
    // Each row still lists the exchanges its event took part in.
    expect(store.deliveries.list({ sources: ['suite'] }).items.map((row) => row.calls)).toEqual([3, 2, 2]);
  });

  it('filters by profile and source, and compares with the previous period', () => {
    store.deliveries.record(record(1, at(5), 'delivered', { targetId: 'prod', source: 'cli' }));
    store.deliveries.record(record(2, at(6), 'failed', { targetId: 'sandbox', source: 'app', code: '606' }));
    store.deliveries.record(record(3, at(70), 'delivered', { targetId: 'prod', source: 'app' }));
    const prod = stats.overview({ period: '1h', profileId: 'prod' });
    expect(prod.ok && prod.value.current.total).toBe(1);
    expect(prod.ok && prod.value.previous.total).toBe(1);
    const cli = stats.overview({ period: '1h', sources: ['cli'] });
    expect(cli.ok && cli.value.current).toMatchObject({ total: 1, delivered: 1, successRate: 1 });
    const all = stats.overview({ period: '1h', sources: [] });
    expect(all.ok && all.value.current.total).toBe(2);
  });
});

describe('trends', () => {
  it('puts each delivery in the bucket holding its start; the buckets add up to the summary', () => {
    seedMix();
    for (const period of ['10m', '1h', '6h', '24h', '7d', '14d'] as const) {
      const trends = stats.trends({ period });
      const overview = stats.overview({ period });
      if (!trends.ok || !overview.ok) throw new Error('query failed');
      const sum = (key: 'total' | 'failed' | 'calls') => trends.value.buckets.reduce((s, b) => s + b[key], 0);
      expect(sum('total')).toBe(overview.value.current.total);
      expect(sum('failed')).toBe(overview.value.current.failed);
      expect(sum('calls')).toBe(overview.value.current.calls);
    }
    const hour = stats.trends({ period: '1h' });
    if (!hour.ok) throw new Error(hour.error);
    expect(hour.value.buckets).toHaveLength(12);
    // 12:35 is the end; a delivery 7 minutes ago (12:27:56 + 1 s) is in the 12:25–12:30 bucket.
    const bucket = hour.value.buckets.find((b) => b.start === '2026-03-15T12:25:00.000Z');
    expect(bucket?.total).toBe(1);
  });

  it('counts a delivery at a bucket edge in the bucket that starts there', () => {
    store.deliveries.record(record(1, new Date('2026-03-15T12:30:00.000Z'), 'delivered'));
    const trends = stats.trends({ period: '1h' });
    if (!trends.ok) throw new Error(trends.error);
    const at1230 = trends.value.buckets.find((b) => b.start === '2026-03-15T12:30:00.000Z');
    const at1225 = trends.value.buckets.find((b) => b.start === '2026-03-15T12:25:00.000Z');
    expect([at1225?.total, at1230?.total]).toEqual([0, 1]);
  });
});

describe('issues and examples', () => {
  it('groups by code with counts, first and last seen, kind and remedy', () => {
    seedMix();
    const issues = stats.issues({ period: '24h' });
    if (!issues.ok) throw new Error(issues.error);
    const byCode = new Map(issues.value.issues.map((i) => [i.code, i]));
    expect(byCode.get('UNMAPPED_EVENT')).toMatchObject({
      count: 8,
      transient: false,
      severity: 'dropped',
      steps: ['plan'],
    });
    expect(byCode.get('1006')).toMatchObject({
      count: 8,
      kind: 'actionable',
      transient: false,
      steps: ['post'],
    });
    expect(byCode.get('1006')?.remedy).toMatch(/API name/);
    expect(byCode.get('SKIPPED')).toMatchObject({ count: 8, severity: 'intentional' });
    expect(byCode.get('606')).toMatchObject({ count: 1, recovered: 1, transient: true, severity: 'changed' });
    expect(byCode.get('1006')?.firstSeen).toBe(at(38 * 7, 38 % 60).toISOString());
    expect(byCode.get('1006')?.lastSeen).toBe(at(3 * 7, 3).toISOString());
  });

  it('lists at most 20 examples, newest first, of 25', () => {
    for (let i = 0; i < 25; i++) {
      store.deliveries.record(record(i, at(i, 1), 'failed', { code: '1006' }));
    }
    const examples = stats.examples({ period: '1h', code: '1006' });
    if (!examples.ok) throw new Error(examples.error);
    expect(examples.value.total).toBe(25);
    expect(examples.value.examples).toHaveLength(20);
    const times = examples.value.examples.map((e) => Date.parse(e.startedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(examples.value.examples[0]?.startedAt).toBe(at(0, 1).toISOString());
  });

  it('narrows issues and examples to a clicked bucket', () => {
    seedMix();
    const bucket = { start: '2026-03-15T12:25:00.000Z', end: '2026-03-15T12:30:00.000Z' };
    const issues = stats.issues({ period: '1h', bucket });
    if (!issues.ok) throw new Error(issues.error);
    // Only delivery 1 (7 minutes ago, delivered) is in that bucket: no issue.
    expect(issues.value.issues).toEqual([]);
    const outside = stats.issues({
      period: '1h',
      bucket: { start: '2026-03-14T00:00:00Z', end: '2026-03-14T01:00:00Z' },
    });
    expect(outside.ok).toBe(false);
  });
});

describe('exports', () => {
  it('writes the issues as CSV and the failures as NDJSON with their exchanges', () => {
    seedMix();
    const csv = stats.exportData({ period: '24h', what: 'issues', format: 'csv' });
    if (!csv.ok) throw new Error(csv.error);
    expect(csv.value.text.split('\r\n')[0]).toBe(
      'code,title,count,recovered,transient,kind,severity,steps,firstSeen,lastSeen,cause,remedy',
    );
    expect(csv.value.fileName).toMatch(/^event-delivery-issues-.*\.csv$/);
    const ndjson = stats.exportData({ period: '24h', what: 'failures', format: 'ndjson' });
    if (!ndjson.ok) throw new Error(ndjson.error);
    const lines = ndjson.value.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(ndjson.value.rows);
    expect(lines.every((l) => ['rejected', 'failed', 'uncertain'].includes(l.outcome))).toBe(true);
    expect(lines.find((l) => l.outcome === 'failed').interactions.length).toBeGreaterThan(0);
  });
});

describe('retention and migration', () => {
  it('prunes minute rows with the deliveries', () => {
    seedMix();
    const later = openStore({ dataDir: dir, now: () => new Date(NOW.getTime() + 15 * 86_400_000) });
    const laterStats = createDeliveryStats(later.stats, {
      now: () => new Date(NOW.getTime() + 15 * 86_400_000),
    });
    const custom = laterStats.overview({
      period: 'custom',
      from: at(24 * 60).toISOString(),
      to: NOW.toISOString(),
    });
    later.close();
    expect(custom.ok && custom.value.current.total).toBe(0);
  });

  it('back-fills the aggregates of deliveries recorded before them', () => {
    store.close();
    const oldDir = mkdtempSync(join(tmpdir(), 'et-delivery-v1-'));
    try {
      const v1 = openDatabase(join(oldDir, 'event-tester.db'), { migrations: MIGRATIONS.slice(0, 1) });
      v1.close();
      // Records written through a v2 store would fill the aggregates; write v1 rows by hand instead.
      const seeded = openStore({ dataDir: oldDir, now: () => NOW });
      seeded.deliveries.recordMany([
        record(1, at(2), 'delivered'),
        record(2, at(3), 'failed', { code: '606' }),
      ]);
      const expected = createDeliveryStats(seeded.stats, { now: () => NOW }).overview({ period: '1h' });
      const db = openDatabase(join(oldDir, 'event-tester.db'));
      db.exec(
        'DELETE FROM delivery_minutes; DELETE FROM delivery_issue_minutes; DELETE FROM delivery_issues',
      );
      db.exec(MIGRATIONS[1]!.sql.slice(MIGRATIONS[1]!.sql.indexOf('INSERT INTO delivery_minutes')));
      db.close();
      const again = createDeliveryStats(seeded.stats, { now: () => NOW }).overview({ period: '1h' });
      const issues = createDeliveryStats(seeded.stats, { now: () => NOW }).issues({ period: '1h' });
      seeded.close();
      expect(again).toEqual(expected);
      expect(issues.ok && issues.value.issues.map((i) => [i.code, i.count])).toEqual([['606', 1]]);
    } finally {
      rmSync(oldDir, { recursive: true, force: true });
    }
    store = openStore({ dataDir: dir, now: () => NOW });
  });
});
