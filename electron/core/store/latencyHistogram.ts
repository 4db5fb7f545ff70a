/**
 * A fixed log-scale latency histogram, one per minute row of the delivery aggregates, so a median or
 * p95 over any range is a sum of counts and a walk, never a sort of every delivery.
 *
 * Bucket 0 holds [0, 1 ms); bucket i (1 ≤ i < LAST) holds [2^((i−1)/3), 2^(i/3)) ms, three buckets per
 * doubling; bucket LAST holds everything from 2^((LAST−1)/3) ms = 262 s up. A quantile is reported as
 * its bucket's geometric midpoint, so it is within a factor of 2^(1/6) of the exact value:
 * a relative error of at most 12.25 % (below 1 ms: at most 0.5 ms; above 262 s: the bucket's floor).
 *
 * The bucket layout is part of the database schema (one column per bucket): changing it needs a
 * new migration, never an edit here.
 */

export const BUCKETS_PER_DOUBLING = 3;
export const LATENCY_BUCKETS = 56;
const LAST = LATENCY_BUCKETS - 1;
/** The relative error bound stated above, for tests and the docs. */
export const QUANTILE_RELATIVE_ERROR = 2 ** (1 / (2 * BUCKETS_PER_DOUBLING)) - 1;

/** The lower edge of bucket i (i ≥ 1), in ms. */
export function bucketFloor(i: number): number {
  return i <= 0 ? 0 : 2 ** ((i - 1) / BUCKETS_PER_DOUBLING);
}

export function latencyBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  const i = Math.floor(BUCKETS_PER_DOUBLING * Math.log2(ms)) + 1;
  return Math.min(LAST, Math.max(1, i));
}

/** What a quantile landing in bucket i reports. */
export function bucketEstimate(i: number): number {
  if (i <= 0) return 0.5;
  if (i >= LAST) return bucketFloor(LAST);
  return 2 ** ((i - 0.5) / BUCKETS_PER_DOUBLING);
}

/**
 * The q-quantile (0 < q ≤ 1) by nearest rank: the value at rank ⌈q·n⌉ of the sorted latencies,
 * estimated from the bucket holding that rank. Null for an empty histogram.
 */
export function histogramQuantile(counts: readonly number[], q: number): number | null {
  const n = counts.reduce((sum, c) => sum + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return bucketEstimate(i);
  }
  return bucketEstimate(counts.length - 1);
}

/** The same quantile computed exactly, for tests and the bench's comparison. */
export function exactQuantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

/** `h0, h1, …` as SQL column names, in bucket order. */
export const HISTOGRAM_COLUMNS: readonly string[] = Array.from(
  { length: LATENCY_BUCKETS },
  (_, i) => `h${i}`,
);

/** A CASE expression giving the bucket of `expr` (ms), for the migration that back-fills old rows. */
export function bucketCaseSql(expr: string): string {
  const whens = Array.from({ length: LAST }, (_, i) => `WHEN ${expr} < ${bucketFloor(i + 1)} THEN ${i}`);
  return `CASE ${whens.join(' ')} ELSE ${LAST} END`;
}
