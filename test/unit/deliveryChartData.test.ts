import { describe, expect, it } from 'vitest';
import { bucketMiddles } from '../../renderer/src/features/delivery/chartData';
import type { TrendBucket } from '../../shared/deliveryStats';

const HOUR = 3_600_000;
const bucket = (start: string, end: string) => ({ start, end }) as TrendBucket;

describe('the trend chart x values', () => {
  it('keep partial first and last buckets on the grid, so every bar gets the same width', () => {
    const buckets = [
      bucket('2026-03-14T12:01:00.000Z', '2026-03-14T18:00:00.000Z'),
      bucket('2026-03-14T18:00:00.000Z', '2026-03-15T00:00:00.000Z'),
      bucket('2026-03-15T00:00:00.000Z', '2026-03-15T06:00:00.000Z'),
      bucket('2026-03-15T06:00:00.000Z', '2026-03-15T12:00:00.000Z'),
      bucket('2026-03-15T12:00:00.000Z', '2026-03-15T12:01:00.000Z'),
    ];
    const xs = bucketMiddles(buckets, 6 * HOUR);
    expect(xs.slice(1).map((x, i) => x - xs[i]!)).toEqual([21_600, 21_600, 21_600, 21_600]);
    expect(new Date(xs[0]! * 1000).toISOString()).toBe('2026-03-14T15:00:00.000Z');
  });
});
