import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryStats } from '../../electron/core/deliveryStats/deliveryStats';
import { openStore, type Store } from '../../electron/core/store';
import { openDatabase, type Database } from '../../electron/core/store/database';
import { ROLLUP_BACKFILL_SQL } from '../../electron/core/store/deliveryRollup';
import {
  createDeliveryStatsQueries,
  splitRange,
  type DeliveryStatsQueries,
  type StatsFilter,
} from '../../electron/core/store/deliveryStatsQueries';
import { PERIODS, type DeliveryFilter } from '../../shared/deliveryStats';
import { syntheticDelivery } from '../bench/generateDeliveries';

/**
 * The hourly rollup answers exactly as the minute rows do: random deliveries over three days, then
 * random ranges (on and off whole hours, shorter than an hour, spanning everything) asked of both
 * paths, before and after a prune whose cutoff falls mid-hour; and the migration's back-fill builds
 * the same rows as recording does.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.parse('2026-03-15T12:34:56.789Z');
const SPAN = 3 * 24 * HOUR;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let dir: string;
let store: Store;
let db: Database;
let rollup: DeliveryStatsQueries;
let minutes: DeliveryStatsQueries;
const rand = random(20260315);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'et-delivery-rollup-'));
  store = openStore({ dataDir: dir, now: () => new Date(NOW) });
  // Uneven times, with some on exact minute and hour edges.
  const records = Array.from({ length: 4000 }, (_, i) => {
    const n = Math.floor(rand() * 1e6);
    const raw = NOW - Math.floor(rand() * SPAN);
    const startedMs =
      i % 50 === 0 ? Math.floor(raw / HOUR) * HOUR : i % 7 === 0 ? Math.floor(raw / MIN) * MIN : raw;
    return { ...syntheticDelivery(n, startedMs), id: `r-${i}` };
  });
  store.deliveries.recordMany(records);
  db = openDatabase(store.path);
  rollup = createDeliveryStatsQueries(db);
  minutes = createDeliveryStatsQueries(db, { rollup: false });
});
afterAll(() => {
  db.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A random minute-aligned range, on whole hours a third of the time, with a random filter. */
function randomFilter(): StatsFilter {
  const edge = (ms: number) => (rand() < 0.33 ? Math.floor(ms / HOUR) * HOUR : Math.floor(ms / MIN) * MIN);
  const a = edge(NOW - SPAN - HOUR + rand() * (SPAN + 2 * HOUR));
  const length = rand() < 0.3 ? rand() * 2 * HOUR : rand() * SPAN;
  const b = edge(a + length) + MIN;
  const profiles = ['sandbox', 'production', 'staging'];
  return {
    startMs: a,
    endMs: b,
    ...(rand() < 0.3 ? { profileId: profiles[Math.floor(rand() * 3)]! } : {}),
    ...(rand() < 0.3 ? { sources: rand() < 0.5 ? ['app'] : ['cli', 'collector'] } : {}),
  };
}

function expectSameAnswers(): void {
  for (let i = 0; i < 150; i++) {
    const filter = randomFilter();
    expect(rollup.sum(filter)).toEqual(minutes.sum(filter));
    expect(rollup.issues(filter)).toEqual(minutes.issues(filter));
    const bucketMs = [HOUR, 3 * HOUR, 6 * HOUR, 15 * MIN][i % 4]!;
    const first = Math.floor(filter.startMs / bucketMs) * bucketMs;
    expect(rollup.buckets(filter, first, bucketMs)).toEqual(minutes.buckets(filter, first, bucketMs));
    // A grid off the hours falls back to the minute rows, and still agrees.
    expect(rollup.buckets(filter, first + 7 * MIN, bucketMs)).toEqual(
      minutes.buckets(filter, first + 7 * MIN, bucketMs),
    );
  }
  expect(rollup.profileIds()).toEqual(minutes.profileIds());
}

function expectSameService(): void {
  const now = () => new Date(NOW);
  const a = createDeliveryStats(rollup, { now });
  const b = createDeliveryStats(minutes, { now });
  const filters: DeliveryFilter[] = [
    ...PERIODS.map((period) => ({ period })),
    { period: '14d', profileId: 'staging', sources: ['suite'] },
    { period: 'custom', from: '2026-03-12T10:17:00Z', to: '2026-03-15T09:00:00Z' },
  ];
  for (const filter of filters) {
    expect(a.overview(filter)).toEqual(b.overview(filter));
    expect(a.trends(filter)).toEqual(b.trends(filter));
    expect(a.issues(filter)).toEqual(b.issues(filter));
  }
  const bucket = { start: '2026-03-14T06:00:00Z', end: '2026-03-14T09:00:00Z' };
  expect(a.issues({ period: '7d', bucket })).toEqual(b.issues({ period: '7d', bucket }));
}

describe('the hourly rollup', () => {
  it('splits a range into ragged minutes and whole hours', () => {
    const at = (iso: string) => Date.parse(iso);
    const parts = splitRange(
      { startMs: at('2026-03-15T10:17:00Z'), endMs: at('2026-03-15T13:05:00Z') },
      true,
    );
    expect(parts.map((p) => [p.grain.key, new Date(p.filter.startMs).toISOString().slice(11, 16)])).toEqual([
      ['minute', '10:17'],
      ['hour', '11:00'],
      ['minute', '13:00'],
    ]);
    const short = splitRange(
      { startMs: at('2026-03-15T10:17:00Z'), endMs: at('2026-03-15T11:05:00Z') },
      true,
    );
    expect(short.map((p) => p.grain.key)).toEqual(['minute']);
  });

  it('answers every query as the minute rows do', () => {
    expect(rollup.sum({ startMs: 0, endMs: NOW + HOUR }).total).toBe(4000);
    expectSameAnswers();
    expectSameService();
  });

  it('still answers as the minute rows do after a prune that cuts an hour in two', () => {
    store.deliveries.prune(new Date(NOW - 2 * 24 * HOUR - 23 * MIN - 17_000));
    expectSameAnswers();
    expectSameService();
  });

  it('back-fills the same rows that recording keeps', () => {
    const snapshot = () => ({
      hours: db.all('SELECT * FROM delivery_hours ORDER BY hour, profile_id, source'),
      issues: db.all('SELECT * FROM delivery_issue_hours ORDER BY hour, profile_id, source, code, step'),
      profiles: db.all('SELECT * FROM delivery_profiles ORDER BY profile_id'),
    });
    const kept = snapshot();
    expect(kept.hours.length).toBeGreaterThan(40);
    db.transaction(() => {
      db.exec('DELETE FROM delivery_hours; DELETE FROM delivery_issue_hours; DELETE FROM delivery_profiles;');
      db.exec(ROLLUP_BACKFILL_SQL);
    });
    expect(snapshot()).toEqual(kept);
  });
});
