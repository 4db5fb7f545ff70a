import { z } from 'zod';
import { DeliverySummarySchema } from './history';
import { DeliverySourceSchema, ErrorKindSchema } from './interaction';

/**
 * Event Delivery: the summary, trends and issues over every recorded delivery, as the Delivery view,
 * the CLI's `delivery` command and the exports read them. Periods resolve to minute-aligned ranges
 * because the store keeps its aggregates per minute: a range that starts mid-minute could not be
 * answered from them exactly.
 */

export const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const PERIODS = ['10m', '1h', '6h', '24h', '7d', '14d'] as const;
export const PeriodSchema = z.enum([...PERIODS, 'custom']);
export type Period = z.infer<typeof PeriodSchema>;

/** Each fixed period's length and bucket: 1 minute for 10 minutes up to 6 hours for 14 days. */
export const PERIOD_SPECS: ReadonlyMap<
  Exclude<Period, 'custom'>,
  { spanMs: number; bucketMs: number }
> = new Map([
  ['10m', { spanMs: 10 * MINUTE_MS, bucketMs: MINUTE_MS }],
  ['1h', { spanMs: HOUR_MS, bucketMs: 5 * MINUTE_MS }],
  ['6h', { spanMs: 6 * HOUR_MS, bucketMs: 15 * MINUTE_MS }],
  ['24h', { spanMs: DAY_MS, bucketMs: HOUR_MS }],
  ['7d', { spanMs: 7 * DAY_MS, bucketMs: 3 * HOUR_MS }],
  ['14d', { spanMs: 14 * DAY_MS, bucketMs: 6 * HOUR_MS }],
]);

/** Bucket sizes a custom period may use; the smallest that keeps the chart at or under MAX_BUCKETS. */
const CUSTOM_BUCKETS_MS = [1, 5, 15, 30, 60, 180, 360, 720, 1440].map((m) => m * MINUTE_MS);
const MAX_BUCKETS = 60;
/** Retention is 14 days; a custom range may look back a little further (older rows are simply gone). */
const MAX_CUSTOM_SPAN_MS = 31 * DAY_MS;

const IsoTime = z.string().datetime({ offset: true });

export const DeliveryFilterSchema = z
  .object({
    period: PeriodSchema.default('24h'),
    /** The period ends here (default: now); the view sends one anchor for all its calls. */
    until: IsoTime.optional(),
    /** For `custom`: the range [from, to). */
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    /** A target (profile) id; all profiles when absent. */
    profileId: z.string().min(1).max(200).optional(),
    /** Empty or absent: every source. */
    sources: z.array(DeliverySourceSchema).max(4).optional(),
  })
  .strict();
export type DeliveryFilter = z.input<typeof DeliveryFilterSchema>;
export type ParsedDeliveryFilter = z.output<typeof DeliveryFilterSchema>;

export const TimeRangeSchema = z.object({ start: IsoTime, end: IsoTime });
export type TimeRange = z.infer<typeof TimeRangeSchema>;

export interface ResolvedPeriod {
  startMs: number;
  endMs: number;
  bucketMs: number;
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

/**
 * The period as a minute-aligned range [start, end): a fixed period ends at the end of the minute
 * holding `until` (so the current minute's deliveries count), a custom one is widened to whole minutes.
 */
export function resolvePeriod(filter: ParsedDeliveryFilter, nowMs: number): ResolvedPeriod | string {
  if (filter.period === 'custom') {
    if (!filter.from || !filter.to) return 'a custom period needs both from and to';
    const startMs = floorTo(Date.parse(filter.from), MINUTE_MS);
    const endMs = ceilTo(Date.parse(filter.to), MINUTE_MS);
    if (!(endMs > startMs)) return 'the custom period must end after it starts';
    if (endMs - startMs > MAX_CUSTOM_SPAN_MS) return 'a custom period can be at most 31 days long';
    return { startMs, endMs, bucketMs: customBucket(endMs - startMs) };
  }
  const spec = PERIOD_SPECS.get(filter.period)!;
  const anchor = filter.until ? Date.parse(filter.until) : nowMs;
  // +1 ms: a delivery at exactly hh:mm:00.000 belongs to the minute that starts then.
  const endMs = ceilTo(anchor + 1, MINUTE_MS);
  return { startMs: endMs - spec.spanMs, endMs, bucketMs: spec.bucketMs };
}

function customBucket(spanMs: number): number {
  return CUSTOM_BUCKETS_MS.find((size) => spanMs / size <= MAX_BUCKETS) ?? CUSTOM_BUCKETS_MS.at(-1)!;
}

/** The period of the same length just before this one, for "change vs previous period". */
export function previousPeriod(period: ResolvedPeriod): ResolvedPeriod {
  const span = period.endMs - period.startMs;
  return { startMs: period.startMs - span, endMs: period.startMs, bucketMs: period.bucketMs };
}

/**
 * The trend buckets' grid: bucket k covers [first + k·bucket, first + (k+1)·bucket), clipped to the
 * period. Buckets of an hour or more sit on whole UTC hours, at multiples of their size since the
 * epoch, so the store answers them from its hourly rollup and a refresh keeps the same edges; the
 * first and the last bucket may then be partial. Shorter buckets are counted back from the end, so
 * the last one always ends at `end` (a custom span need not divide evenly).
 */
export function bucketGrid(period: ResolvedPeriod): { firstMs: number; count: number } {
  if (period.bucketMs % HOUR_MS === 0) {
    const firstMs = floorTo(period.startMs, period.bucketMs);
    return { firstMs, count: Math.ceil((period.endMs - firstMs) / period.bucketMs) };
  }
  const count = Math.ceil((period.endMs - period.startMs) / period.bucketMs);
  return { firstMs: period.endMs - count * period.bucketMs, count };
}

/** Each bucket's start, clipped to the period (see bucketGrid). */
export function bucketStarts(period: ResolvedPeriod): number[] {
  const { firstMs, count } = bucketGrid(period);
  return Array.from({ length: count }, (_, k) => Math.max(period.startMs, firstMs + k * period.bucketMs));
}

export const DeliveryMetricsSchema = z.object({
  /** Every recorded delivery in the range (dry runs are never recorded). */
  total: z.number().int().min(0),
  delivered: z.number().int().min(0),
  rejected: z.number().int().min(0),
  skipped: z.number().int().min(0),
  failed: z.number().int().min(0),
  uncertain: z.number().int().min(0),
  /** Delivered after at least one retried request. */
  retriedDelivered: z.number().int().min(0),
  /** delivered / (total − skipped): a skip is intentional, so it neither helps nor hurts. Null with none. */
  successRate: z.number().min(0).max(1).nullable(),
  /** End-to-end (send started to result), estimated from the per-minute histogram (±12.3 %). */
  medianMs: z.number().min(0).nullable(),
  p95Ms: z.number().min(0).nullable(),
  /** HTTP requests made, every attempt counted. */
  calls: z.number().int().min(0),
  callsPerEvent: z.number().min(0).nullable(),
});
export type DeliveryMetrics = z.infer<typeof DeliveryMetricsSchema>;

export const ResolvedRangeSchema = TimeRangeSchema.extend({ bucketMs: z.number().int().positive() });
export type ResolvedRange = z.infer<typeof ResolvedRangeSchema>;

export const DeliveryOverviewSchema = z.object({
  range: ResolvedRangeSchema,
  current: DeliveryMetricsSchema,
  previousRange: TimeRangeSchema,
  previous: DeliveryMetricsSchema,
  /** Every profile id with deliveries still kept (any period), for the profile picker. */
  profileIds: z.array(z.string()),
});
export type DeliveryOverview = z.infer<typeof DeliveryOverviewSchema>;

export const TrendBucketSchema = DeliveryMetricsSchema.extend({ start: IsoTime, end: IsoTime });
export type TrendBucket = z.infer<typeof TrendBucketSchema>;

export const DeliveryTrendsSchema = z.object({
  range: ResolvedRangeSchema,
  buckets: z.array(TrendBucketSchema),
});
export type DeliveryTrends = z.infer<typeof DeliveryTrendsSchema>;

/** The pipeline steps a cause belongs to, in order. */
export const PipelineStepSchema = z.enum([
  'validate',
  'plan',
  'token',
  'lookup',
  'upsert',
  'post',
  'read-back',
]);
export type PipelineStep = z.infer<typeof PipelineStepSchema>;

/** dropped: it did not reach Marketo; changed: it did, but not as sent (retried, maybe twice); intentional: skipped by configuration. */
export const SeveritySchema = z.enum(['dropped', 'changed', 'intentional']);
export type Severity = z.infer<typeof SeveritySchema>;

export const DeliveryIssueSchema = z.object({
  code: z.string(),
  title: z.string(),
  /** The engine's class: transient (retried; not yours to fix), actionable or fatal (yours to fix). */
  kind: ErrorKindSchema,
  /** True when it goes through on retry: "not yours to fix". */
  transient: z.boolean(),
  severity: SeveritySchema,
  steps: z.array(PipelineStepSchema),
  count: z.number().int().min(0),
  /** Of `count`, the deliveries that still went through (a transient code, then success on retry). */
  recovered: z.number().int().min(0),
  firstSeen: IsoTime,
  lastSeen: IsoTime,
  cause: z.string(),
  remedy: z.string(),
});
export type DeliveryIssue = z.infer<typeof DeliveryIssueSchema>;

export const IssueQuerySchema = DeliveryFilterSchema.extend({
  /** Narrow to one trend bucket (clicked in the chart); must lie inside the period. */
  bucket: TimeRangeSchema.optional(),
}).strict();
export type IssueQuery = z.input<typeof IssueQuerySchema>;

export const DeliveryIssuesSchema = z.object({
  range: ResolvedRangeSchema,
  issues: z.array(DeliveryIssueSchema),
});
export type DeliveryIssues = z.infer<typeof DeliveryIssuesSchema>;

/** Examples shown per issue, newest first. */
export const MAX_EXAMPLES = 20;

export const ExamplesQuerySchema = IssueQuerySchema.extend({ code: z.string().min(1).max(100) }).strict();
export type ExamplesQuery = z.input<typeof ExamplesQuerySchema>;

export const IssueExamplesSchema = z.object({
  code: z.string(),
  /** How many deliveries have this issue in the range; at most MAX_EXAMPLES are listed. */
  total: z.number().int().min(0),
  examples: z.array(DeliverySummarySchema).max(MAX_EXAMPLES),
});
export type IssueExamples = z.infer<typeof IssueExamplesSchema>;

export const ExportQuerySchema = IssueQuerySchema.extend({
  what: z.enum(['issues', 'failures']),
  format: z.enum(['ndjson', 'csv']),
}).strict();
export type ExportQuery = z.input<typeof ExportQuerySchema>;

/** Failures exported at most, newest first; the file says when it stopped short. */
export const MAX_EXPORT_ROWS = 10_000;

export const DeliveryExportSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
  rows: z.number().int().min(0),
  truncated: z.boolean(),
});
export type DeliveryExport = z.infer<typeof DeliveryExportSchema>;

export type MetricKind = 'count' | 'rate' | 'latency' | 'ratio';

/**
 * The change against the previous period as a person reads it: counts and latencies as a relative
 * change (+25 %), rates as percentage points (+3.1 pp); null when there is nothing to compare with.
 */
export function describeChange(
  kind: MetricKind,
  current: number | null,
  previous: number | null,
): string | null {
  if (current === null || previous === null) return null;
  if (kind === 'rate') {
    const points = (current - previous) * 100;
    return Math.abs(points) < 0.05 ? '±0 pp' : `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`;
  }
  if (previous === 0) return current === 0 ? '±0 %' : 'new';
  const relative = ((current - previous) / previous) * 100;
  if (Math.abs(relative) < 0.5) return '±0 %';
  // Past ten-fold a percentage is hard to read; say how many times as many.
  if (relative >= 1000) return `×${(current / previous).toFixed(0)}`;
  return `${relative > 0 ? '+' : '−'}${Math.abs(relative).toFixed(0)} %`;
}

/** Latency as the view and the CLI print it: "840 ms", "1.3 s", "2.1 min"; an em dash for none. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A share as a percentage with one decimal; an em dash for none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

export const PERIOD_LABELS: ReadonlyMap<Period, string> = new Map([
  ['10m', 'Last 10 minutes'],
  ['1h', 'Last hour'],
  ['6h', 'Last 6 hours'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['14d', 'Last 14 days'],
  ['custom', 'Custom'],
]);
