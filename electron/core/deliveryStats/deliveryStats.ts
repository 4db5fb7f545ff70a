/**
 * Event Delivery over every recorded delivery: the summary with its change against the previous
 * period, the trend buckets, the issues with their causes and remedies, an issue's newest examples
 * and the exports. The Delivery view (through its handler module) and `event-tester delivery` both
 * answer from here, so they cannot disagree.
 */
import {
  bucketGrid,
  bucketStarts,
  DeliveryFilterSchema,
  ExamplesQuerySchema,
  ExportQuerySchema,
  IssueQuerySchema,
  MAX_EXAMPLES,
  PipelineStepSchema,
  previousPeriod,
  resolvePeriod,
  type DeliveryExport,
  type DeliveryFilter,
  type DeliveryIssue,
  type DeliveryIssues,
  type DeliveryMetrics,
  type DeliveryOverview,
  type DeliveryTrends,
  type ExamplesQuery,
  type ExportQuery,
  type IssueExamples,
  type IssueQuery,
  type ParsedDeliveryFilter,
  type ResolvedPeriod,
  type ResolvedRange,
} from '../../../shared/deliveryStats';
import { err, ok, type Result } from '../../../shared/result';
import { histogramQuantile } from '../store/latencyHistogram';
import type { DeliveryStatsQueries, RawIssue, RawMetrics, StatsFilter } from '../store';
import { exportIssues, exportFailures, type RecordReader } from './deliveryExport';
import { describeIssue, pipelineSteps } from './issueCatalog';

export interface DeliveryStatsService {
  overview(filter: DeliveryFilter): Result<DeliveryOverview>;
  trends(filter: DeliveryFilter): Result<DeliveryTrends>;
  issues(query: IssueQuery): Result<DeliveryIssues>;
  examples(query: ExamplesQuery): Result<IssueExamples>;
  exportData(query: ExportQuery): Result<DeliveryExport>;
}

export interface DeliveryStatsOptions {
  now?: () => Date;
  /** Full records for the NDJSON failures export (interactions included). */
  records?: RecordReader;
  /** A last pass over exported text (the records are redacted when made; this catches a held secret). */
  redact?: (text: string) => string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function toMetrics(raw: RawMetrics): DeliveryMetrics {
  const attempted = raw.total - raw.skipped;
  return {
    total: raw.total,
    delivered: raw.delivered,
    rejected: raw.rejected,
    skipped: raw.skipped,
    failed: raw.failed,
    uncertain: raw.uncertain,
    retriedDelivered: raw.retriedDelivered,
    successRate: attempted > 0 ? raw.delivered / attempted : null,
    medianMs: histogramQuantile(raw.histogram, 0.5),
    p95Ms: histogramQuantile(raw.histogram, 0.95),
    calls: raw.calls,
    callsPerEvent: raw.total > 0 ? raw.calls / raw.total : null,
  };
}

const EMPTY: RawMetrics = {
  total: 0,
  delivered: 0,
  rejected: 0,
  skipped: 0,
  failed: 0,
  uncertain: 0,
  retriedDelivered: 0,
  calls: 0,
  histogram: [],
};

function rangeOf(period: ResolvedPeriod): ResolvedRange {
  return { start: iso(period.startMs), end: iso(period.endMs), bucketMs: period.bucketMs };
}

function statsFilter(filter: ParsedDeliveryFilter, period: { startMs: number; endMs: number }): StatsFilter {
  return {
    startMs: period.startMs,
    endMs: period.endMs,
    ...(filter.profileId !== undefined ? { profileId: filter.profileId } : {}),
    ...(filter.sources?.length ? { sources: filter.sources } : {}),
  };
}

/** The period, narrowed to a clicked bucket when one is given (it must overlap the period). */
function narrowed(
  period: ResolvedPeriod,
  bucket: { start: string; end: string } | undefined,
): Result<{ startMs: number; endMs: number }> {
  if (!bucket) return ok(period);
  const startMs = Math.max(period.startMs, Math.floor(Date.parse(bucket.start) / 60_000) * 60_000);
  const endMs = Math.min(period.endMs, Math.ceil(Date.parse(bucket.end) / 60_000) * 60_000);
  return endMs > startMs ? ok({ startMs, endMs }) : err('the bucket lies outside the period');
}

function toIssue(raw: RawIssue): DeliveryIssue {
  const steps = pipelineSteps(raw.steps, PipelineStepSchema.options);
  const description = describeIssue(raw.code, steps, raw.recovered === raw.count);
  return {
    code: raw.code,
    ...description,
    steps,
    count: raw.count,
    recovered: raw.recovered,
    firstSeen: iso(raw.firstMs),
    lastSeen: iso(raw.lastMs),
  };
}

export function createDeliveryStats(
  queries: DeliveryStatsQueries,
  options: DeliveryStatsOptions = {},
): DeliveryStatsService {
  const now = options.now ?? (() => new Date());
  const redact = options.redact ?? ((text: string) => text);

  function resolve<
    S extends typeof DeliveryFilterSchema | typeof IssueQuerySchema | typeof ExamplesQuerySchema,
  >(schema: S, input: unknown): Result<{ query: ReturnType<S['parse']>; period: ResolvedPeriod }> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return err(parsed.error.issues[0]?.message ?? 'invalid query');
    const period = resolvePeriod(parsed.data as ParsedDeliveryFilter, now().getTime());
    if (typeof period === 'string') return err(period);
    return ok({ query: parsed.data as ReturnType<S['parse']>, period });
  }

  return {
    overview(input) {
      const resolved = resolve(DeliveryFilterSchema, input);
      if (!resolved.ok) return resolved;
      const { query, period } = resolved.value;
      const before = previousPeriod(period);
      return ok({
        range: rangeOf(period),
        current: toMetrics(queries.sum(statsFilter(query, period))),
        previousRange: { start: iso(before.startMs), end: iso(before.endMs) },
        previous: toMetrics(queries.sum(statsFilter(query, before))),
        profileIds: queries.profileIds(),
      });
    },
    trends(input) {
      const resolved = resolve(DeliveryFilterSchema, input);
      if (!resolved.ok) return resolved;
      const { query, period } = resolved.value;
      const starts = bucketStarts(period);
      const first = bucketGrid(period).firstMs;
      const found = queries.buckets(statsFilter(query, period), first, period.bucketMs);
      const buckets = starts.map((start, k) => ({
        start: iso(start),
        end: iso(Math.min(period.endMs, first + (k + 1) * period.bucketMs)),
        ...toMetrics(found.get(k) ?? EMPTY),
      }));
      return ok({ range: rangeOf(period), buckets });
    },
    issues(input) {
      const resolved = resolve(IssueQuerySchema, input);
      if (!resolved.ok) return resolved;
      const { query, period } = resolved.value;
      const span = narrowed(period, query.bucket);
      if (!span.ok) return span;
      return ok({
        range: rangeOf(period),
        issues: queries.issues(statsFilter(query, span.value)).map(toIssue),
      });
    },
    examples(input) {
      const resolved = resolve(ExamplesQuerySchema, input);
      if (!resolved.ok) return resolved;
      const { query, period } = resolved.value;
      const span = narrowed(period, query.bucket);
      if (!span.ok) return span;
      const found = queries.examples(query.code, statsFilter(query, span.value), MAX_EXAMPLES);
      return ok({ code: query.code, ...found });
    },
    exportData(input) {
      const parsed = ExportQuerySchema.safeParse(input);
      if (!parsed.success) return err(parsed.error.issues[0]?.message ?? 'invalid export request');
      const { what, format, ...rest } = parsed.data;
      const resolved = resolve(IssueQuerySchema, rest);
      if (!resolved.ok) return resolved;
      const { query, period } = resolved.value;
      const span = narrowed(period, query.bucket);
      if (!span.ok) return span;
      const filter = statsFilter(query, span.value);
      const file = `event-delivery-${what}-${iso(span.value.startMs).slice(0, 16).replace(/:/g, '')}`;
      const made =
        what === 'issues'
          ? exportIssues(queries.issues(filter).map(toIssue), format, file)
          : exportFailures(queries, filter, format, file, options.records);
      return ok({ ...made, text: redact(made.text) });
    },
  };
}
