import { formatLatency, type TrendBucket } from '../../../../shared/deliveryStats';
import type { Outcome } from '../../../../shared/interaction';

/**
 * The trend charts' data in uPlot's column form (x in seconds, one array per series). Outcomes are
 * stacked by drawing running totals, tallest first, so each band shows its own outcome's share.
 */

/** Bottom to top of the stack. */
export const STACK: readonly Exclude<Outcome, 'planned'>[] = [
  'delivered',
  'skipped',
  'rejected',
  'uncertain',
  'failed',
];

export type Columns = [number[], ...(number | null)[][]];

/**
 * x: the middle of each bucket's place on the grid (seconds), so a bar sits over the time it covers.
 * A partial first or last bucket keeps its full-width place: uPlot sizes every bar by the closest two
 * x values, so one squeezed middle would narrow them all.
 */
export function bucketMiddles(buckets: readonly TrendBucket[], bucketMs: number): number[] {
  return buckets.map((b, i) => {
    const start = i === 0 && buckets.length > 1 ? Date.parse(b.end) - bucketMs : Date.parse(b.start);
    return (start + bucketMs / 2) / 1000;
  });
}

/** One column per outcome, as running totals drawn top of the stack first (the order of STACK reversed). */
export function outcomeColumns(buckets: readonly TrendBucket[], bucketMs: number): Columns {
  const running = buckets.map(() => 0);
  const stacked = STACK.map((outcome) =>
    buckets.map((b, i) => {
      running[i]! += b[outcome];
      return running[i]!;
    }),
  );
  return [bucketMiddles(buckets, bucketMs), ...stacked.reverse()];
}

export function latencyColumns(buckets: readonly TrendBucket[], bucketMs: number): Columns {
  return [bucketMiddles(buckets, bucketMs), buckets.map((b) => b.medianMs), buckets.map((b) => b.p95Ms)];
}

const time = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Mar 15, 12:30 – 12:35", the end as a clock time when it is the same day. */
export function bucketLabel(bucket: Pick<TrendBucket, 'start' | 'end'>): string {
  const start = new Date(bucket.start);
  const end = new Date(bucket.end);
  const sameDay = start.toDateString() === new Date(end.getTime() - 1).toDateString();
  return `${time.format(start)} – ${sameDay ? clock.format(end) : time.format(end)}`;
}

/** The hover readout of one bucket: its outcomes and its latency. */
export function bucketReadout(bucket: TrendBucket): { label: string; value: string }[] {
  return [
    { label: 'Delivered', value: String(bucket.delivered) },
    { label: 'Rejected', value: String(bucket.rejected) },
    { label: 'Skipped', value: String(bucket.skipped) },
    { label: 'Failed', value: String(bucket.failed) },
    { label: 'Uncertain', value: String(bucket.uncertain) },
    { label: 'Retried, then delivered', value: String(bucket.retriedDelivered) },
    { label: 'Median', value: formatLatency(bucket.medianMs) },
    { label: 'p95', value: formatLatency(bucket.p95Ms) },
  ];
}
