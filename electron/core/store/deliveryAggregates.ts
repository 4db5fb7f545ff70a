import { chargedCalls, type DeliveryRecord } from '../../../shared/history';
import type { Interaction, InteractionStep } from '../../../shared/interaction';
import type { Database } from './database';
import { ADD_PROFILE_SQL, addIssueSql, addMetricsSql, pruneRollup } from './deliveryRollup';
import { bucketCaseSql, HISTOGRAM_COLUMNS, latencyBucket } from './latencyHistogram';

/**
 * Per-minute aggregates for the Event Delivery view, kept as deliveries are recorded (in the same
 * transaction as the delivery's own rows), so a summary or a trend over 14 days sums a few thousand
 * minute rows instead of a million deliveries. One row per (minute, profile, source) holds the outcome
 * counts, the retried-then-delivered count, the calls and a latency histogram; one row per
 * (minute, profile, source, issue code, step) counts the issue with its first and last time; and
 * `delivery_issues` links each delivery to its codes, for the newest examples of an issue.
 */

const MINUTE_MS = 60_000;

/** Rejections are the engine's own codes; a skip has none, so it gets this one. */
export const SKIPPED_CODE = 'SKIPPED';

const REJECTION_STEP = new Map<string, string>([
  ['INVALID_EVENT', 'validate'],
  ['UNSUPPORTED_CALL', 'plan'],
  ['ANONYMOUS_NOT_ALLOWED', 'plan'],
  ['NO_IDENTIFIER', 'plan'],
  ['UNMAPPED_EVENT', 'plan'],
  ['MISSING_PRIMARY', 'plan'],
  ['PAGE_NOT_MAPPED', 'plan'],
  ['LEAD_NOT_FOUND', 'lookup'],
  [SKIPPED_CODE, 'plan'],
]);

const INTERACTION_STEP: ReadonlyMap<InteractionStep, string> = new Map([
  ['token', 'token'],
  ['lead-lookup', 'lookup'],
  ['lead-upsert', 'upsert'],
  ['activity-post', 'post'],
  ['describe', 'plan'],
  ['activity-types', 'plan'],
  ['activity-type-describe', 'plan'],
  ['usage', 'plan'],
  ['paging-token', 'read-back'],
  ['activity-read', 'read-back'],
]);

export const AGGREGATES_SQL = `
CREATE TABLE delivery_minutes (
  minute            INTEGER NOT NULL, -- started_at / 60000, rounded down
  profile_id        TEXT NOT NULL,
  source            TEXT NOT NULL,
  total             INTEGER NOT NULL DEFAULT 0,
  delivered         INTEGER NOT NULL DEFAULT 0,
  rejected          INTEGER NOT NULL DEFAULT 0,
  skipped           INTEGER NOT NULL DEFAULT 0,
  failed            INTEGER NOT NULL DEFAULT 0,
  uncertain         INTEGER NOT NULL DEFAULT 0,
  retried_delivered INTEGER NOT NULL DEFAULT 0,
  calls             INTEGER NOT NULL DEFAULT 0,
  ${HISTOGRAM_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (minute, profile_id, source)
) WITHOUT ROWID;
CREATE TABLE delivery_issue_minutes (
  minute     INTEGER NOT NULL,
  profile_id TEXT NOT NULL,
  source     TEXT NOT NULL,
  code       TEXT NOT NULL,
  step       TEXT NOT NULL,
  n          INTEGER NOT NULL DEFAULT 0,
  recovered  INTEGER NOT NULL DEFAULT 0, -- of n, deliveries that still went through on retry
  first_at   INTEGER NOT NULL,           -- ms since the epoch
  last_at    INTEGER NOT NULL,
  PRIMARY KEY (minute, profile_id, source, code, step)
) WITHOUT ROWID;
CREATE TABLE delivery_issues (
  delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  code        TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  profile_id  TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (delivery_id, code)
) WITHOUT ROWID;
-- An issue's newest examples.
CREATE INDEX delivery_issues_code_started_at ON delivery_issues (code, started_at);
`;

/** Deliveries recorded before this schema: counted, bucketed and linked to their final code. */
export const AGGREGATES_BACKFILL_SQL = `
INSERT INTO delivery_minutes (minute, profile_id, source, total, delivered, rejected, skipped, failed,
  uncertain, retried_delivered, calls, ${HISTOGRAM_COLUMNS.join(', ')})
SELECT started_at / ${MINUTE_MS}, profile_id, source, count(*), sum(outcome = 'delivered'),
  sum(outcome = 'rejected'), sum(outcome = 'skipped'), sum(outcome = 'failed'), sum(outcome = 'uncertain'),
  sum(outcome = 'delivered' AND EXISTS (SELECT 1 FROM interactions i WHERE i.delivery_id = d.id AND i.attempt > 1)),
  sum(calls), ${HISTOGRAM_COLUMNS.map((_, i) => `sum(b = ${i})`).join(', ')}
FROM (SELECT *, ${bucketCaseSql('duration_ms')} AS b FROM deliveries WHERE dry_run = 0) AS d
GROUP BY 1, 2, 3;
INSERT INTO delivery_issues (delivery_id, code, started_at, profile_id, source)
SELECT id, coalesce(code, upper(outcome)), started_at, profile_id, source FROM deliveries
WHERE dry_run = 0 AND outcome IN ('rejected', 'skipped', 'failed', 'uncertain');
INSERT INTO delivery_issue_minutes (minute, profile_id, source, code, step, n, recovered, first_at, last_at)
SELECT started_at / ${MINUTE_MS}, profile_id, source, code, '', count(*), 0, min(started_at), max(started_at)
FROM delivery_issues GROUP BY 1, 2, 3, 4;
`;

export interface IssueMark {
  code: string;
  step: string;
  recovered: boolean;
}

/**
 * The issues one delivery contributes: its final code when it did not go through (a skip counts as
 * an intentional issue), or each transient code it recovered from when it did.
 */
export function issuesOf(record: DeliveryRecord): IssueMark[] {
  if (record.outcome === 'planned') return [];
  if (record.outcome === 'delivered') {
    const seen = new Map<string, IssueMark>();
    for (const it of record.interactions) {
      const code = it.classification?.code ?? it.error?.code;
      if (code && !seen.has(code)) seen.set(code, { code, step: stepOf(it), recovered: true });
    }
    return [...seen.values()];
  }
  const code = record.code ?? (record.outcome === 'skipped' ? SKIPPED_CODE : record.outcome.toUpperCase());
  return [{ code, step: finalStep(record, code), recovered: false }];
}

function stepOf(interaction: Interaction): string {
  return INTERACTION_STEP.get(interaction.step) ?? '';
}

function finalStep(record: DeliveryRecord, code: string): string {
  const rejection = REJECTION_STEP.get(code);
  if (rejection) return rejection;
  const matching = record.interactions.findLast(
    (it) => it.classification?.code === code || it.error?.code === code,
  );
  const last = matching ?? record.interactions.at(-1);
  return last ? stepOf(last) : '';
}

const MINUTES_PER_HOUR = 60;
const ADD_ISSUE_MINUTE = addIssueSql('delivery_issue_minutes', 'minute');
const ADD_ISSUE_HOUR = addIssueSql('delivery_issue_hours', 'hour');
const ADD_ISSUE = `INSERT OR IGNORE INTO delivery_issues (delivery_id, code, started_at, profile_id, source)
  VALUES (?, ?, ?, ?, ?)`;

/** Adds one recorded delivery to the aggregates; call inside the transaction that inserts it. */
export function addToAggregates(
  db: Database,
  record: DeliveryRecord,
  at: { startedAt: number; durationMs: number },
): void {
  if (record.dryRun || record.outcome === 'planned') return;
  const minute = Math.floor(at.startedAt / MINUTE_MS);
  const hour = Math.floor(minute / MINUTES_PER_HOUR);
  const is = (outcome: string) => (record.outcome === outcome ? 1 : 0);
  const retried = record.outcome === 'delivered' && record.interactions.some((it) => it.attempt > 1);
  const counts = [
    is('delivered'),
    is('rejected'),
    is('skipped'),
    is('failed'),
    is('uncertain'),
    retried ? 1 : 0,
    chargedCalls(record.interactions),
  ];
  const bucket = latencyBucket(at.durationMs);
  // The hourly rollup is kept beside the minute row, so every hour row stays the sum of its minutes.
  db.prepare(addMetricsSql('delivery_minutes', 'minute', bucket)).run(
    minute,
    record.targetId,
    record.source,
    ...counts,
  );
  db.prepare(addMetricsSql('delivery_hours', 'hour', bucket)).run(
    hour,
    record.targetId,
    record.source,
    ...counts,
  );
  db.prepare(ADD_PROFILE_SQL).run(record.targetId);
  for (const issue of issuesOf(record)) {
    const mark = [record.targetId, record.source, issue.code, issue.step, issue.recovered ? 1 : 0];
    db.prepare(ADD_ISSUE_MINUTE).run(minute, ...mark, at.startedAt, at.startedAt);
    db.prepare(ADD_ISSUE_HOUR).run(hour, ...mark, at.startedAt, at.startedAt);
    db.prepare(ADD_ISSUE).run(record.id, issue.code, at.startedAt, record.targetId, record.source);
  }
}

/** Drops minute rows wholly before the cutoff (and their hours); issue links go with their deliveries (cascade). */
export function pruneAggregates(db: Database, cutoffMs: number): void {
  const minute = Math.floor(cutoffMs / MINUTE_MS);
  db.transaction(() => {
    db.run('DELETE FROM delivery_minutes WHERE minute < ?', minute);
    db.run('DELETE FROM delivery_issue_minutes WHERE minute < ?', minute);
    pruneRollup(db, minute);
  });
}
