import type { DeliverySummary } from '../../../shared/history';
import type { Database, SqlValue } from './database';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './deliveryStore';
import { HISTOGRAM_COLUMNS } from './latencyHistogram';

/**
 * The Event Delivery queries over the per-minute aggregates (deliveryAggregates.ts). Ranges are
 * minute-aligned [startMs, endMs); the examples and the failures come from the delivery rows.
 */

const MINUTE_MS = 60_000;

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

/** The WHERE clause for a filter over rows keyed by `timeColumn` (minutes, or ms when `inMs`). */
function whereOf(
  filter: StatsFilter,
  timeColumn: string,
  inMs: boolean,
): { clause: string; params: SqlValue[] } {
  const scale = inMs ? 1 : MINUTE_MS;
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

export function sumMetrics(db: Database, filter: StatsFilter): RawMetrics {
  const { clause, params } = whereOf(filter, 'minute', false);
  const row = db.get<Record<string, number>>(
    `SELECT ${SUMS} FROM delivery_minutes WHERE ${clause}`,
    ...params,
  );
  return toRaw(row ?? {});
}

/** Metrics per bucket: bucket k starts at firstMs + k·bucketMs (k may index a clipped first bucket). */
export function bucketMetrics(
  db: Database,
  filter: StatsFilter,
  firstMs: number,
  bucketMs: number,
): Map<number, RawMetrics> {
  const { clause, params } = whereOf(filter, 'minute', false);
  const rows = db.all<Record<string, number>>(
    // CAST: the driver may bind a JS number as REAL, and a REAL quotient would not be a bucket index.
    `SELECT (minute * ${MINUTE_MS} - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS k, ${SUMS}
      FROM delivery_minutes WHERE ${clause} GROUP BY k`,
    firstMs,
    bucketMs,
    ...params,
  );
  return new Map(rows.map((row) => [row.k!, toRaw(row)]));
}

export function issueRows(db: Database, filter: StatsFilter): RawIssue[] {
  const { clause, params } = whereOf(filter, 'minute', false);
  const rows = db.all<{
    code: string;
    steps: string | null;
    n: number;
    recovered: number;
    first: number;
    last: number;
  }>(
    `SELECT code, group_concat(DISTINCT step) AS steps, sum(n) AS n, sum(recovered) AS recovered,
      min(first_at) AS first, max(last_at) AS last FROM delivery_issue_minutes WHERE ${clause}
      GROUP BY code ORDER BY n DESC, last DESC`,
    ...params,
  );
  return rows.map((row) => ({
    code: row.code,
    steps: (row.steps ?? '').split(',').filter(Boolean),
    count: row.n,
    recovered: row.recovered,
    firstMs: row.first,
    lastMs: row.last,
  }));
}

/** The newest deliveries with an issue code, and how many there are in the range. */
export function issueExamples(
  db: Database,
  code: string,
  filter: StatsFilter,
  limit: number,
): { total: number; examples: DeliverySummary[] } {
  const { clause, params } = whereOf(filter, 'started_at', true);
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
  const { clause, params } = whereOf(filter, 'started_at', true);
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

export function createDeliveryStatsQueries(db: Database): DeliveryStatsQueries {
  return {
    sum: (filter) => sumMetrics(db, filter),
    buckets: (filter, firstMs, bucketMs) => bucketMetrics(db, filter, firstMs, bucketMs),
    issues: (filter) => issueRows(db, filter),
    examples: (code, filter, limit) => issueExamples(db, code, filter, limit),
    failures: (filter, limit) => failureRows(db, filter, limit),
    profileIds: () =>
      db
        .all<{ id: string }>('SELECT DISTINCT profile_id AS id FROM delivery_minutes ORDER BY 1')
        .map((r) => r.id),
  };
}
