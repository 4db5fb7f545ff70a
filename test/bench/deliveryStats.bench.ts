import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, expect, it } from 'vitest';
import { createDeliveryStats } from '../../electron/core/deliveryStats/deliveryStats';
import { openStore } from '../../electron/core/store';
import { PERIODS } from '../../shared/deliveryStats';
import { generateDeliveries } from './generateDeliveries';

/**
 * Event Delivery's bench: 1,000,000 deliveries over 14 days (the generator script), then every query
 * of the Delivery view and the CLI for every period. Figures are printed beside the issue's target
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
  const store = openStore({ dataDir: dir, now: () => new Date(NOW) });
  const stats = createDeliveryStats(store.stats, { now: () => new Date(NOW), records: store.deliveries });
  const rows: Record<string, string>[] = [];
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  for (const period of PERIODS) {
    const queries: [string, () => unknown][] = [
      ['summary (+ previous)', () => stats.overview({ period })],
      ['trends', () => stats.trends({ period })],
      ['issues', () => stats.issues({ period })],
      ['20 examples of 606', () => stats.examples({ period, code: '606' })],
      [
        'summary, one profile + source',
        () => stats.overview({ period, profileId: 'production', sources: ['cli'] }),
      ],
    ];
    for (const [name, query] of queries) {
      const t = time(query);
      rows.push({
        period,
        query: name,
        first: ms(t.first),
        median: ms(t.median),
        worst: ms(t.worst),
        target: '< 100 ms',
      });
    }
  }
  const exportTime = time(() => stats.exportData({ period: '24h', what: 'issues', format: 'csv' }));
  rows.push({
    period: '24h',
    query: 'export issues (CSV)',
    first: ms(exportTime.first),
    median: ms(exportTime.median),
    worst: ms(exportTime.worst),
    target: '(info)',
  });
  const total = stats.overview({ period: '14d' });
  store.close();
  const size = statSync(join(dir, 'event-tester.db')).size / 1024 / 1024;
  console.log(
    `\nDelivery bench (Node ${process.version}): generated ${COUNT.toLocaleString('en')} deliveries in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds).toLocaleString('en')}/s), database ${size.toFixed(0)} MiB`,
  );
  console.table(rows);
  expect(total.ok && total.value.current.total).toBe(COUNT);
});
