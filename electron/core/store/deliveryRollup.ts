import type { Database } from './database';
import { HISTOGRAM_COLUMNS } from './latencyHistogram';

/**
 * The hourly rollup of Event Delivery's per-minute aggregates (deliveryAggregates.ts), kept in the
 * same transaction as the minute rows, so a 14-day question reads 336 hour rows per profile and
 * source instead of 20,160 minute rows: a range is answered from whole hours plus the minutes at its
 * ragged edges (deliveryStatsQueries.ts). Every hour row is the exact sum of its minute rows, also
 * after a prune (the hour the cutoff falls in is recomputed from the minutes kept), so both paths
 * give the same answer. `delivery_profiles` lists the profiles with aggregates kept, for the
 * profile picker, instead of a DISTINCT over every minute row on each summary.
 */

const MINUTES_PER_HOUR = 60;

/** The outcome and latency columns both tables share, in schema order. */
export const METRIC_COLUMNS: readonly string[] = [
  'total',
  'delivered',
  'rejected',
  'skipped',
  'failed',
  'uncertain',
  'retried_delivered',
  'calls',
  ...HISTOGRAM_COLUMNS,
];

export const ROLLUP_SQL = `
CREATE TABLE delivery_hours (
  hour       INTEGER NOT NULL, -- started_at / 3600000, rounded down (a UTC hour)
  profile_id TEXT NOT NULL,
  source     TEXT NOT NULL,
  ${METRIC_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (hour, profile_id, source)
) WITHOUT ROWID;
CREATE TABLE delivery_issue_hours (
  hour       INTEGER NOT NULL,
  profile_id TEXT NOT NULL,
  source     TEXT NOT NULL,
  code       TEXT NOT NULL,
  step       TEXT NOT NULL,
  n          INTEGER NOT NULL DEFAULT 0,
  recovered  INTEGER NOT NULL DEFAULT 0,
  first_at   INTEGER NOT NULL,
  last_at    INTEGER NOT NULL,
  PRIMARY KEY (hour, profile_id, source, code, step)
) WITHOUT ROWID;
CREATE TABLE delivery_profiles (
  profile_id TEXT PRIMARY KEY
) WITHOUT ROWID;
-- An issue's newest examples for one profile (and source), without visiting every other profile's.
CREATE INDEX delivery_issues_code_profile ON delivery_issues (code, profile_id, source, started_at);
`;

const HOUR_METRICS_FROM_MINUTES = (where: string) => `
INSERT INTO delivery_hours (hour, profile_id, source, ${METRIC_COLUMNS.join(', ')})
SELECT minute / ${MINUTES_PER_HOUR}, profile_id, source, ${METRIC_COLUMNS.map((c) => `sum(${c})`).join(', ')}
FROM delivery_minutes ${where} GROUP BY 1, 2, 3;`;

const HOUR_ISSUES_FROM_MINUTES = (where: string) => `
INSERT INTO delivery_issue_hours (hour, profile_id, source, code, step, n, recovered, first_at, last_at)
SELECT minute / ${MINUTES_PER_HOUR}, profile_id, source, code, step, sum(n), sum(recovered), min(first_at),
  max(last_at)
FROM delivery_issue_minutes ${where} GROUP BY 1, 2, 3, 4, 5;`;

/** The hours and profiles of everything aggregated so far, summed from the minute rows. */
export const ROLLUP_BACKFILL_SQL = `${HOUR_METRICS_FROM_MINUTES('')}${HOUR_ISSUES_FROM_MINUTES('')}
INSERT INTO delivery_profiles (profile_id) SELECT DISTINCT profile_id FROM delivery_minutes;
`;

/** An upsert adding one delivery's counts to a row keyed by `key` (minute or hour) of `table`. */
export function addMetricsSql(table: string, key: string, bucket: number): string {
  const h = `h${bucket}`;
  return `INSERT INTO ${table} (${key}, profile_id, source, total, delivered, rejected, skipped, failed,
  uncertain, retried_delivered, calls, ${h}) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 1)
  ON CONFLICT (${key}, profile_id, source) DO UPDATE SET total = total + 1, delivered = delivered + excluded.delivered,
  rejected = rejected + excluded.rejected, skipped = skipped + excluded.skipped, failed = failed + excluded.failed,
  uncertain = uncertain + excluded.uncertain, retried_delivered = retried_delivered + excluded.retried_delivered,
  calls = calls + excluded.calls, ${h} = ${h} + 1`;
}

/** An upsert adding one issue mark to a row keyed by `key` (minute or hour) of `table`. */
export function addIssueSql(table: string, key: string): string {
  return `INSERT INTO ${table} (${key}, profile_id, source, code, step, n, recovered, first_at, last_at)
  VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)
  ON CONFLICT (${key}, profile_id, source, code, step) DO UPDATE SET n = n + 1,
  recovered = recovered + excluded.recovered, first_at = min(first_at, excluded.first_at),
  last_at = max(last_at, excluded.last_at)`;
}

export const ADD_PROFILE_SQL = 'INSERT OR IGNORE INTO delivery_profiles (profile_id) VALUES (?)';

/**
 * After the minute rows before `minute` went: drops the hours wholly before it, recomputes the hour
 * it falls in from the minutes kept (so the hour row stays their exact sum) and forgets profiles
 * with nothing left. Call inside the prune's transaction.
 */
export function pruneRollup(db: Database, minute: number): void {
  const hour = Math.floor(minute / MINUTES_PER_HOUR);
  db.run('DELETE FROM delivery_hours WHERE hour <= ?', hour);
  db.run('DELETE FROM delivery_issue_hours WHERE hour <= ?', hour);
  const kept = 'WHERE minute >= ? AND minute < ?';
  const minutes = [hour * MINUTES_PER_HOUR, (hour + 1) * MINUTES_PER_HOUR];
  db.run(HOUR_METRICS_FROM_MINUTES(kept), ...minutes);
  db.run(HOUR_ISSUES_FROM_MINUTES(kept), ...minutes);
  db.run('DELETE FROM delivery_profiles WHERE profile_id NOT IN (SELECT profile_id FROM delivery_hours)');
}
