import { describe, expect, it } from 'vitest';
import {
  bucketGrid,
  bucketStarts,
  DeliveryFilterSchema,
  describeChange,
  previousPeriod,
  resolvePeriod,
  type DeliveryFilter,
  type ResolvedPeriod,
} from '../../shared/deliveryStats';
import {
  bucketFloor,
  exactQuantile,
  histogramQuantile,
  LATENCY_BUCKETS,
  latencyBucket,
  QUANTILE_RELATIVE_ERROR,
} from '../../electron/core/store/latencyHistogram';

const MIN = 60_000;
const NOW = Date.parse('2026-03-15T12:34:56.789Z');

function resolve(filter: DeliveryFilter, now = NOW): ResolvedPeriod {
  const period = resolvePeriod(DeliveryFilterSchema.parse(filter), now);
  if (typeof period === 'string') throw new Error(period);
  return period;
}

/** A seeded generator, so a failure can be reproduced. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('latency histogram', () => {
  it('puts each value in the bucket whose edges hold it', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(0.99)).toBe(0);
    expect(latencyBucket(1)).toBe(1);
    expect(latencyBucket(2)).toBe(4);
    expect(latencyBucket(1e9)).toBe(LATENCY_BUCKETS - 1);
    for (let i = 1; i < LATENCY_BUCKETS - 1; i++) {
      const mid = Math.sqrt(bucketFloor(i) * bucketFloor(i + 1));
      expect(latencyBucket(mid)).toBe(i);
      expect(bucketFloor(i)).toBeLessThanOrEqual(mid);
      expect(mid).toBeLessThan(bucketFloor(i + 1));
    }
  });

  it(`estimates median and p95 within ${(QUANTILE_RELATIVE_ERROR * 100).toFixed(2)} % of the exact value`, () => {
    expect(QUANTILE_RELATIVE_ERROR).toBeLessThan(0.1225);
    const random = lcg(11);
    for (let trial = 0; trial < 200; trial++) {
      const size = 1 + Math.floor(random() * 2000);
      // Log-normal-ish latencies from 1 ms to a few minutes, as deliveries spread.
      const values = Array.from({ length: size }, () => Math.exp(random() * random() * 12) + random());
      const counts = new Array<number>(LATENCY_BUCKETS).fill(0);
      for (const v of values) counts[latencyBucket(v)]! += 1;
      for (const q of [0.5, 0.95]) {
        const exact = exactQuantile(values, q)!;
        const estimate = histogramQuantile(counts, q)!;
        expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(QUANTILE_RELATIVE_ERROR + 1e-9);
      }
    }
  });

  it('is within 0.5 ms below 1 ms, and null when empty', () => {
    const counts = new Array<number>(LATENCY_BUCKETS).fill(0);
    expect(histogramQuantile(counts, 0.5)).toBeNull();
    counts[0] = 3;
    expect(histogramQuantile(counts, 0.5)).toBe(0.5);
  });
});

describe('periods and buckets', () => {
  it('ends a fixed period at the end of the current minute and buckets it as the issue says', () => {
    const expected = new Map([
      ['10m', [10, 1]],
      ['1h', [60, 5]],
      ['6h', [360, 15]],
      ['24h', [1440, 60]],
      ['7d', [7 * 1440, 180]],
      ['14d', [14 * 1440, 360]],
    ] as const);
    for (const [period, [spanMin, bucketMin]] of expected) {
      const p = resolve({ period });
      expect(p.endMs).toBe(Date.parse('2026-03-15T12:35:00.000Z'));
      expect(p.endMs - p.startMs).toBe(spanMin * MIN);
      expect(p.bucketMs).toBe(bucketMin * MIN);
      // Buckets of an hour or more sit on whole hours: 12:35 is mid-bucket, so both ends are partial.
      expect(bucketStarts(p)).toHaveLength(spanMin / bucketMin + (bucketMin >= 60 ? 1 : 0));
    }
  });

  it('counts a delivery at exactly hh:mm:00.000 in the minute that starts then', () => {
    const p = resolve({ period: '10m' }, Date.parse('2026-03-15T12:35:00.000Z'));
    expect(new Date(p.endMs).toISOString()).toBe('2026-03-15T12:36:00.000Z');
    const anchored = resolve({ period: '10m', until: '2026-03-15T12:34:59.999Z' });
    expect(new Date(anchored.endMs).toISOString()).toBe('2026-03-15T12:35:00.000Z');
  });

  it('partitions the period into buckets counted back from its end, the first clipped', () => {
    const p = resolve({ period: 'custom', from: '2026-03-15T10:00:30Z', to: '2026-03-15T12:10:00Z' });
    // Widened to whole minutes: 10:00 to 12:10 is 130 minutes, in 5-minute buckets (≤ 60 of them).
    expect(p).toEqual({
      startMs: Date.parse('2026-03-15T10:00:00Z'),
      endMs: Date.parse('2026-03-15T12:10:00Z'),
      bucketMs: 5 * MIN,
    });
    const starts = bucketStarts(p);
    expect(starts).toHaveLength(26);
    expect(starts[0]).toBe(p.startMs);
    expect(starts.at(-1)! + p.bucketMs).toBe(p.endMs);
    const odd = resolve({ period: 'custom', from: '2026-03-15T10:00:00Z', to: '2026-03-15T10:07:00Z' });
    expect(odd.bucketMs).toBe(MIN);
    const long = resolve({ period: 'custom', from: '2026-03-01T10:00:00Z', to: '2026-03-15T10:02:00Z' });
    expect(long.bucketMs).toBe(360 * MIN);
    // 6-hour buckets on multiples of 6 h (UTC): a partial first one (10:00 to 12:00) and a partial last.
    const clipped = bucketStarts(long);
    expect(clipped[0]).toBe(long.startMs);
    expect(new Date(clipped[1]!).toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(new Date(clipped.at(-1)!).toISOString()).toBe('2026-03-15T06:00:00.000Z');
    expect(bucketGrid(long)).toEqual({ firstMs: Date.parse('2026-03-01T06:00:00Z'), count: 57 });
  });

  it('refuses custom periods that are empty, reversed or too long', () => {
    const parse = (filter: DeliveryFilter) => resolvePeriod(DeliveryFilterSchema.parse(filter), NOW);
    expect(parse({ period: 'custom' })).toMatch(/from and to/);
    expect(parse({ period: 'custom', from: '2026-03-15T10:00:00Z', to: '2026-03-15T09:00:00Z' })).toMatch(
      /end after/,
    );
    expect(parse({ period: 'custom', from: '2026-01-01T00:00:00Z', to: '2026-03-15T00:00:00Z' })).toMatch(
      /31 days/,
    );
  });

  it('compares with the previous period of the same length', () => {
    const p = resolve({ period: '24h' });
    const before = previousPeriod(p);
    expect(before.endMs).toBe(p.startMs);
    expect(before.endMs - before.startMs).toBe(p.endMs - p.startMs);
  });

  it('words a change as a person reads it', () => {
    expect(describeChange('count', 125, 100)).toBe('+25 %');
    expect(describeChange('count', 75, 100)).toBe('−25 %');
    expect(describeChange('count', 5, 0)).toBe('new');
    expect(describeChange('count', 0, 0)).toBe('±0 %');
    expect(describeChange('count', 769, 1)).toBe('×769');
    expect(describeChange('rate', 0.95, 0.9)).toBe('+5.0 pp');
    expect(describeChange('rate', 0.9, null)).toBeNull();
    expect(describeChange('latency', 100, 100.2)).toBe('±0 %');
  });
});
