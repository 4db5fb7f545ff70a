import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, expect, it } from 'vitest';
import { createDeliveryStats } from '../../electron/core/deliveryStats/deliveryStats';
import { openStore } from '../../electron/core/store';
import { openDatabase } from '../../electron/core/store/database';
import { createDeliveryStatsQueries } from '../../electron/core/store/deliveryStatsQueries';
import { PERIODS } from '../../shared/deliveryStats';
import { generateDeliveries } from './generateDeliveries';

/**
 * Event Delivery's bench: 1,000,000 deliveries over 14 days (the generator script), then every query
 * of the Delivery view and the CLI for every period, side by side: "before" reads minute rows only
 * (the reference path, as the queries were before the hourly rollup), "after" whole hours from the
 * rollup and minutes only at the ragged edges. Figures are printed beside the issue's target
 * (< 100 ms per query), never asserted.
 */

const COUNT = Number(process.env.DELIVERY_BENCH_COUNT ?? 1_000_000);
const NOW = Date.parse('2026-03-15T12:00:30.000Z');
const dir = mkdtempSync(join(tmpdir(), 'et-delivery-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function time(query: () => unknown): { first: number; median: number; worst: number } {
  const t0 = performance.now();
  query();
  const first = performance.now() - t0;
  const runs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    query();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { first, median: runs[4]!, worst: runs[8]! };
}

it(`times the Delivery queries over ${COUNT.toLocaleString('en')} deliveries`, () => {
  const seconds = generateDeliveries(dir, COUNT, NOW);
  const migrateStart = performance.now();
  const store = openStore({ dataDir: dir, now: () => new Date(NOW) });
  const migrateSeconds = (performance.now() - migrateStart) / 1000;
  const stats = createDeliveryStats(store.stats, { now: () => new Date(NOW), records: store.deliveries });
  const minuteDb = openDatabase(join(dir, 'event-tester.db'));
  const before = createDeliveryStats(createDeliveryStatsQueries(minuteDb, { rollup: false }), {
    now: () => new Date(NOW),
  });
  const rows: Record<string, string>[] = [];
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  for (const period of PERIODS) {
    const queries: [string, (s: typeof stats) => unknown][] = [
      ['summary (+ previous)', (s) => s.overview({ period })],
      ['trends', (s) => s.trends({ period })],
      ['issues', (s) => s.issues({ period })],
      ['20 examples of 606', (s) => s.examples({ period, code: '606' })],
      [
        'summary, one profile + source',
        (s) => s.overview({ period, profileId: 'production', sources: ['cli'] }),
      ],
    ];
    for (const [name, query] of queries) {
      const old = time(() => query(before));
      const t = time(() => query(stats));
      rows.push({
        period,
        query: name,
        'before median': ms(old.median),
        'before worst': ms(old.worst),
        'after first': ms(t.first),
        'after median': ms(t.median),
        'after worst': ms(t.worst),
        target: '< 100 ms',
      });
    }
  }
  minuteDb.close();
  const exportTime = time(() => stats.exportData({ period: '24h', what: 'issues', format: 'csv' }));
  rows.push({
    period: '24h',
    query: 'export issues (CSV)',
    'after first': ms(exportTime.first),
    'after median': ms(exportTime.median),
    'after worst': ms(exportTime.worst),
    target: '(info)',
  });
  const total = stats.overview({ period: '14d' });
  store.close();
  const size = statSync(join(dir, 'event-tester.db')).size / 1024 / 1024;
  console.log(
    `\nDelivery bench (Node ${process.version}): generated ${COUNT.toLocaleString('en')} deliveries in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds).toLocaleString('en')}/s), database ${size.toFixed(0)} MiB; reopened in ${migrateSeconds.toFixed(1)} s`,
  );
  console.table(rows);
  expect(total.ok && total.value.current.total).toBe(COUNT);
});
