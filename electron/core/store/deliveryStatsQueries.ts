import type { DeliverySummary } from '../../../shared/history';
import type { Database, SqlValue } from './database';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './deliveryStore';
import { HISTOGRAM_COLUMNS } from './latencyHistogram';

/**
 * The Event Delivery queries over the per-minute aggregates (deliveryAggregates.ts) and their hourly
 * rollup (deliveryRollup.ts). Ranges are minute-aligned [startMs, endMs): the whole hours inside one
 * are read from the hour rows and only the minutes at its ragged edges from the minute rows, which
 * gives exactly the minute-only answer (kept callable, `rollup: false`, for the tests and the bench).
 * The examples and the failures come from the delivery rows.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface StatsFilter {
  startMs: number;
  endMs: number;
  profileId?: string;
  sources?: readonly string[];
}

export interface RawMetrics {
  total: number;
  delivered: number;
  rejected: number;
  skipped: number;
  failed: number;
  uncertain: number;
  retriedDelivered: number;
  calls: number;
  histogram: number[];
}

export interface RawIssue {
  code: string;
  steps: string[];
  count: number;
  recovered: number;
  firstMs: number;
  lastMs: number;
}

const COUNT_COLUMNS = [
  'total',
  'delivered',
  'rejected',
  'skipped',
  'failed',
  'uncertain',
  'retried_delivered',
  'calls',
];
const SUMS = [...COUNT_COLUMNS, ...HISTOGRAM_COLUMNS].map((c) => `coalesce(sum(${c}), 0) AS ${c}`).join(', ');

/** The WHERE clause for a filter over rows keyed by `timeColumn`, counted in units of `scale` ms. */
function whereOf(
  filter: StatsFilter,
  timeColumn: string,
  scale: number,
): { clause: string; params: SqlValue[] } {
  const parts = [`${timeColumn} >= ?`, `${timeColumn} < ?`];
  const params: SqlValue[] = [Math.ceil(filter.startMs / scale), Math.ceil(filter.endMs / scale)];
  if (filter.profileId !== undefined) {
    parts.push('profile_id = ?');
    params.push(filter.profileId);
  }
  // An empty list means every source, as a filter with nothing ticked shows everything.
  if (filter.sources?.length) {
    parts.push(`source IN (${filter.sources.map(() => '?').join(', ')})`);
    params.push(...filter.sources);
  }
  // Only fixed fragments and placeholders reach the SQL text; values are always bound.
  return { clause: parts.join(' AND '), params };
}

function toRaw(row: Record<string, number>): RawMetrics {
  return {
    total: row.total ?? 0,
    delivered: row.delivered ?? 0,
    rejected: row.rejected ?? 0,
    skipped: row.skipped ?? 0,
    failed: row.failed ?? 0,
    uncertain: row.uncertain ?? 0,
    retriedDelivered: row.retried_delivered ?? 0,
    calls: row.calls ?? 0,
    histogram: HISTOGRAM_COLUMNS.map((c) => row[c] ?? 0),
  };
}

/** Where a part of a range is read: the minute rows or the hour rows, keyed in units of `ms`. */
interface Grain {
  metrics: string;
  issues: string;
  key: string;
  ms: number;
}
const MINUTES: Grain = {
  metrics: 'delivery_minutes',
  issues: 'delivery_issue_minutes',
  key: 'minute',
  ms: MINUTE_MS,
};
const HOURS: Grain = { metrics: 'delivery_hours', issues: 'delivery_issue_hours', key: 'hour', ms: HOUR_MS };

export interface Segment {
  grain: Grain;
  filter: StatsFilter;
}

/**
 * The range as whole hours (from the rollup) and the ragged minutes before and after them; all
 * minutes when `rollup` is off or no whole hour fits. Bounds round up to minutes, as the minute
 * path always did, so both paths cover the same minutes.
 */
export function splitRange(filter: StatsFilter, rollup: boolean): Segment[] {
  const first = Math.ceil(filter.startMs / MINUTE_MS) * MINUTE_MS;
  const end = Math.ceil(filter.endMs / MINUTE_MS) * MINUTE_MS;
  const firstHour = Math.ceil(first / HOUR_MS) * HOUR_MS;
  const endHour = Math.floor(end / HOUR_MS) * HOUR_MS;
  const part = (grain: Grain, startMs: number, endMs: number): Segment[] =>
    endMs > startMs ? [{ grain, filter: { ...filter, startMs, endMs } }] : [];
  if (!rollup || firstHour >= endHour) return part(MINUTES, first, end);
  return [
    ...part(MINUTES, first, firstHour),
    ...part(HOURS, firstHour, endHour),
    ...part(MINUTES, endHour, end),
  ];
}

function addMetrics(a: RawMetrics, b: RawMetrics): RawMetrics {
  const length = Math.max(a.histogram.length, b.histogram.length);
  return {
    total: a.total + b.total,
    delivered: a.delivered + b.delivered,
    rejected: a.rejected + b.rejected,
    skipped: a.skipped + b.skipped,
    failed: a.failed + b.failed,
    uncertain: a.uncertain + b.uncertain,
    retriedDelivered: a.retriedDelivered + b.retriedDelivered,
    calls: a.calls + b.calls,
    histogram: Array.from({ length }, (_, i) => (a.histogram[i] ?? 0) + (b.histogram[i] ?? 0)),
  };
}

export function sumMetrics(db: Database, filter: StatsFilter, rollup = true): RawMetrics {
  const parts = splitRange(filter, rollup).map(({ grain, filter: part }) => {
    const { clause, params } = whereOf(part, grain.key, grain.ms);
    const row = db.get<Record<string, number>>(
      `SELECT ${SUMS} FROM ${grain.metrics} WHERE ${clause}`,
      ...params,
    );
    return toRaw(row ?? {});
  });
  return parts.reduce(addMetrics, toRaw({}));
}

/**
 * Metrics per bucket: bucket k starts at firstMs + k·bucketMs (k may index a clipped first bucket).
 * Hour rows are used only when every bucket edge is on a whole hour, so no hour straddles two buckets.
 */
export function bucketMetrics(
  db: Database,
  filter: StatsFilter,
  firstMs: number,
  bucketMs: number,
  rollup = true,
): Map<number, RawMetrics> {
  const hourly = rollup && bucketMs % HOUR_MS === 0 && firstMs % HOUR_MS === 0;
  const found = new Map<number, RawMetrics>();
  for (const { grain, filter: part } of splitRange(filter, hourly)) {
    const { clause, params } = whereOf(part, grain.key, grain.ms);
    const rows = db.all<Record<string, number>>(
      // CAST: the driver may bind a JS number as REAL, and a REAL quotient would not be a bucket index.
      `SELECT (${grain.key} * ${grain.ms} - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS k, ${SUMS}
        FROM ${grain.metrics} WHERE ${clause} GROUP BY k`,
      firstMs,
      bucketMs,
      ...params,
    );
    for (const row of rows) {
      const before = found.get(row.k!);
      found.set(row.k!, before ? addMetrics(before, toRaw(row)) : toRaw(row));
    }
  }
  return found;
}

interface IssueRow {
  code: string;
  steps: string | null;
  n: number;
  recovered: number;
  first: number;
  last: number;
}

function mergeIssue(a: RawIssue | undefined, b: RawIssue): RawIssue {
  if (!a) return b;
  return {
    code: a.code,
    steps: [...new Set([...a.steps, ...b.steps])].sort(),
    count: a.count + b.count,
    recovered: a.recovered + b.recovered,
    firstMs: Math.min(a.firstMs, b.firstMs),
    lastMs: Math.max(a.lastMs, b.lastMs),
  };
}

/** Issues by code, most frequent first, then the most recent, then by code (a stable order). */
export function issueRows(db: Database, filter: StatsFilter, rollup = true): RawIssue[] {
  const byCode = new Map<string, RawIssue>();
  for (const { grain, filter: part } of splitRange(filter, rollup)) {
    const { clause, params } = whereOf(part, grain.key, grain.ms);
    const rows = db.all<IssueRow>(
      `SELECT code, group_concat(DISTINCT step) AS steps, sum(n) AS n, sum(recovered) AS recovered,
        min(first_at) AS first, max(last_at) AS last FROM ${grain.issues} WHERE ${clause} GROUP BY code`,
      ...params,
    );
    for (const row of rows) {
      const issue: RawIssue = {
        code: row.code,
        steps: (row.steps ?? '').split(',').filter(Boolean).sort(),
        count: row.n,
        recovered: row.recovered,
        firstMs: row.first,
        lastMs: row.last,
      };
      byCode.set(row.code, mergeIssue(byCode.get(row.code), issue));
    }
  }
  return [...byCode.values()].sort(
    (a, b) => b.count - a.count || b.lastMs - a.lastMs || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** The newest deliveries with an issue code, and how many there are in the range. */
export function issueExamples(
  db: Database,
  code: string,
  filter: StatsFilter,
  limit: number,
): { total: number; examples: DeliverySummary[] } {
  const { clause, params } = whereOf(filter, 'started_at', 1);
  const total =
    db.get<{ n: number }>(
      `SELECT count(*) AS n FROM delivery_issues WHERE code = ? AND ${clause}`,
      code,
      ...params,
    )?.n ?? 0;
  const rows = db.all<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id IN (SELECT delivery_id FROM delivery_issues
      WHERE code = ? AND ${clause} ORDER BY started_at DESC LIMIT ?) ORDER BY started_at DESC, rowid DESC`,
    code,
    ...params,
    limit,
  );
  return { total, examples: rows.map(toSummary) };
}

/** Deliveries that did not go through (rejected, failed, uncertain), newest first. */
export function failureRows(
  db: Database,
  filter: StatsFilter,
  limit: number,
): { rows: (DeliverySummary & { hint: string | null })[]; total: number } {
  const { clause, params } = whereOf(filter, 'started_at', 1);
  const failing = `outcome IN ('rejected', 'failed', 'uncertain') AND ${clause}`;
  const total =
    db.get<{ n: number }>(`SELECT count(*) AS n FROM deliveries WHERE ${failing}`, ...params)?.n ?? 0;
  const rows = db.all<SummaryRow & { hint: string | null }>(
    `SELECT ${SUMMARY_COLUMNS}, hint FROM deliveries WHERE ${failing} ORDER BY started_at DESC, rowid DESC LIMIT ?`,
    ...params,
    limit,
  );
  return { rows: rows.map((row) => ({ ...toSummary(row), hint: row.hint })), total };
}

/** The queries bound to one database, as the store hands them out. */
export interface DeliveryStatsQueries {
  sum(filter: StatsFilter): RawMetrics;
  buckets(filter: StatsFilter, firstMs: number, bucketMs: number): Map<number, RawMetrics>;
  issues(filter: StatsFilter): RawIssue[];
  examples(code: string, filter: StatsFilter, limit: number): { total: number; examples: DeliverySummary[] };
  failures(
    filter: StatsFilter,
    limit: number,
  ): { rows: (DeliverySummary & { hint: string | null })[]; total: number };
  /** Every profile id with deliveries still kept, for the profile picker. */
  profileIds(): string[];
}

export interface DeliveryStatsQueryOptions {
  /** Read whole hours from the hourly rollup (the default); off: minute rows only, the reference path. */
  rollup?: boolean;
}

export function createDeliveryStatsQueries(
  db: Database,
  options: DeliveryStatsQueryOptions = {},
): DeliveryStatsQueries {
  const rollup = options.rollup ?? true;
  return {
    sum: (filter) => sumMetrics(db, filter, rollup),
    buckets: (filter, firstMs, bucketMs) => bucketMetrics(db, filter, firstMs, bucketMs, rollup),
    issues: (filter) => issueRows(db, filter, rollup),
    examples: (code, filter, limit) => issueExamples(db, code, filter, limit),
    failures: (filter, limit) => failureRows(db, filter, limit),
    // A small table kept with the aggregates, rather than a DISTINCT over every minute row per summary.
    profileIds: () =>
      rollup
        ? db.all<{ id: string }>('SELECT profile_id AS id FROM delivery_profiles ORDER BY 1').map((r) => r.id)
        : db
            .all<{ id: string }>('SELECT DISTINCT profile_id AS id FROM delivery_minutes ORDER BY 1')
            .map((r) => r.id),
  };
}
