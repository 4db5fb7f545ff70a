import {
  describeEvent,
  foldAsciiCase,
  HistoryQuerySchema,
  type DeliveryRecord,
  type DeliverySummary,
  type HistoryPage,
  type HistoryQuery,
} from '../../../shared/history';
import {
  DeliverySourceSchema,
  OutcomeSchema,
  type Interaction,
  type Outcome,
} from '../../../shared/interaction';
import type { Database, SqlValue } from './database';
import { pruneInChunks } from './pruneInChunks';
import { addToAggregates, pruneAggregates } from './deliveryAggregates';

/**
 * Recorded deliveries: one row per delivery plus one per HTTP exchange, written in one transaction
 * so the History view never shows a delivery without its lifecycle. Times are stored as ms since
 * the epoch and come back as `toISOString()` text (same instant, canonical form).
 */

export type OutcomeCounts = Record<Outcome, number>;

export interface DeliveryStore {
  record(record: DeliveryRecord): void;
  /** All or nothing, in one transaction: a suite run or an import. */
  recordMany(records: Iterable<DeliveryRecord>): void;
  list(query?: HistoryQuery): HistoryPage;
  get(id: string): DeliveryRecord | null;
  /** Deliveries started in [since, until), per outcome; every outcome is present. */
  countOutcomes(range: { since: Date; until: Date }): OutcomeCounts;
  /** Removes deliveries started before `olderThan` and their interactions; returns how many. */
  prune(olderThan: Date): number;
}

export interface DeliveryStoreOptions {
  /** Stands in for a record's time when that is not a date. */
  now?: () => Date;
}

const INSERT_DELIVERY = `INSERT INTO deliveries (id, started_at, finished_at, source, profile_id, call_type,
  event_name, message_id, outcome, code, reason, hint, calls, duration_ms, dry_run, warnings_json, plan_json,
  event_json, read_back_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_INTERACTION = `INSERT INTO interactions (delivery_id, seq, step, attempt, started_at, duration_ms,
  status, request_json, response_json, error_json, classification_json, batch_json)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const SUMMARY_COLUMNS = `id, started_at, finished_at, source, profile_id, call_type, event_name, message_id,
  outcome, code, reason, calls, duration_ms`;

export interface SummaryRow {
  id: string;
  started_at: number;
  finished_at: number;
  source: string;
  profile_id: string;
  call_type: string | null;
  event_name: string | null;
  message_id: string | null;
  outcome: string;
  code: string | null;
  reason: string | null;
  calls: number;
  duration_ms: number;
}

interface DeliveryRow extends SummaryRow {
  hint: string | null;
  dry_run: number;
  warnings_json: string;
  plan_json: string;
  event_json: string;
  /** null: the send did not verify, or the row predates the column (schema 7). */
  read_back_json: string | null;
}

interface InteractionRow {
  step: string;
  attempt: number;
  started_at: number;
  duration_ms: number;
  request_json: string;
  response_json: string | null;
  error_json: string | null;
  classification_json: string | null;
  batch_json: string | null;
}

export function createDeliveryStore(db: Database, options: DeliveryStoreOptions = {}): DeliveryStore {
  const now = options.now ?? (() => new Date());
  const insertOne = (record: DeliveryRecord): void => insertDelivery(db, record, now().getTime());
  return {
    record: (record) => db.transaction(() => insertOne(record)),
    recordMany: (records) =>
      db.transaction(() => {
        for (const record of records) insertOne(record);
      }),
    list: (query = {}) => listDeliveries(db, query),
    get: (id) => getDelivery(db, id),
    countOutcomes: (range) => countOutcomes(db, range),
    prune: (olderThan) => pruneDeliveries(db, olderThan),
  };
}

function insertDelivery(db: Database, record: DeliveryRecord, fallbackMs: number): void {
  const startedAt = toMillis(record.startedAt, fallbackMs);
  const finishedAt = toMillis(record.finishedAt, startedAt);
  const { callType, eventName, messageId } = describeEvent(record.event);
  db.prepare(INSERT_DELIVERY).run(
    record.id,
    startedAt,
    finishedAt,
    record.source,
    record.targetId,
    callType,
    eventName,
    messageId,
    record.outcome,
    record.code ?? null,
    record.reason ?? null,
    record.hint ?? null,
    record.interactions.length,
    Math.max(0, finishedAt - startedAt),
    record.dryRun ? 1 : 0,
    toJson(record.warnings ?? []),
    toJson(record.plan),
    toJson(record.event),
    // Already redacted: the engine scrubs a read-back when it makes it (delivery/readBack.ts).
    record.readBack ? toJson(record.readBack) : null,
  );
  const insert = db.prepare(INSERT_INTERACTION);
  record.interactions.forEach((interaction, seq) => {
    insert.run(...interactionValues(record.id, seq, interaction, startedAt));
  });
  addToAggregates(db, record, { startedAt, durationMs: Math.max(0, finishedAt - startedAt) });
}

function interactionValues(deliveryId: string, seq: number, it: Interaction, fallbackMs: number): SqlValue[] {
  return [
    deliveryId,
    seq,
    it.step,
    it.attempt,
    toMillis(it.startedAt, fallbackMs),
    it.durationMs,
    it.response?.status ?? null,
    toJson(it.request),
    it.response ? toJson(it.response) : null,
    it.error ? toJson(it.error) : null,
    it.classification ? toJson(it.classification) : null,
    it.batch ? toJson(it.batch) : null,
  ];
}

function listDeliveries(db: Database, input: HistoryQuery): HistoryPage {
  const query = HistoryQuerySchema.parse(input);
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.since !== undefined) {
    where.push('started_at >= ?');
    params.push(Date.parse(query.since));
  }
  // An empty list means "no filter", as a filter bar with nothing ticked shows everything.
  if (query.outcomes?.length) {
    where.push(`outcome IN (${query.outcomes.map(() => '?').join(', ')})`);
    params.push(...query.outcomes);
  }
  if (query.sources?.length) {
    where.push(`source IN (${query.sources.map(() => '?').join(', ')})`);
    params.push(...query.sources);
  }
  if (query.eventContains !== undefined) {
    // instr, not LIKE: the text is matched as typed, with no wildcards to escape.
    where.push('instr(lower(event_name), ?) > 0');
    params.push(foldAsciiCase(query.eventContains));
  }
  // Only fixed fragments and placeholders reach the SQL text; values are always bound.
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  // A substring of the name cannot seek an index. Walking the table newest first, checking each
  // row's name, took 130 ms on 100,000 deliveries with no match; instead the page's rows are picked
  // from the small (event_name, started_at) index, and only those rows are read from the table.
  const page = 'ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?';
  // With an outcome or source filter too, their own (…, started_at) indexes serve better.
  const searching = query.eventContains !== undefined && !query.outcomes?.length && !query.sources?.length;
  const from = searching ? 'deliveries INDEXED BY deliveries_event_name_started_at' : 'deliveries';
  const rows = searching
    ? db.all<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM deliveries
          WHERE rowid IN (SELECT rowid FROM ${from} ${clause} ${page})
          ORDER BY started_at DESC, rowid DESC`,
        ...params,
        query.limit,
        query.offset,
      )
    : db.all<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${clause} ${page}`,
        ...params,
        query.limit,
        query.offset,
      );
  const total = db.get<{ n: number }>(`SELECT count(*) AS n FROM ${from} ${clause}`, ...params)?.n ?? 0;
  return { items: rows.map(toSummary), total, offset: query.offset };
}

function getDelivery(db: Database, id: string): DeliveryRecord | null {
  const row = db.get<DeliveryRow>(
    `SELECT ${SUMMARY_COLUMNS}, hint, dry_run, warnings_json, plan_json, event_json, read_back_json
      FROM deliveries WHERE id = ?`,
    id,
  );
  if (!row) return null;
  const interactions = db
    .all<InteractionRow>(
      `SELECT step, attempt, started_at, duration_ms, request_json, response_json, error_json,
        classification_json, batch_json FROM interactions WHERE delivery_id = ? ORDER BY seq`,
      id,
    )
    .map(toInteraction);
  return {
    id: row.id,
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    source: DeliverySourceSchema.parse(row.source),
    targetId: row.profile_id,
    outcome: OutcomeSchema.parse(row.outcome),
    ...optional('reason', row.reason),
    ...optional('hint', row.hint),
    ...optional('code', row.code),
    dryRun: row.dry_run === 1,
    plan: JSON.parse(row.plan_json),
    interactions,
    warnings: JSON.parse(row.warnings_json),
    event: JSON.parse(row.event_json),
    ...(row.read_back_json === null ? {} : { readBack: JSON.parse(row.read_back_json) }),
  };
}

function toInteraction(row: InteractionRow): Interaction {
  return {
    step: row.step as Interaction['step'],
    attempt: row.attempt,
    startedAt: toIso(row.started_at),
    durationMs: row.duration_ms,
    request: JSON.parse(row.request_json),
    response: row.response_json === null ? null : JSON.parse(row.response_json),
    error: row.error_json === null ? null : JSON.parse(row.error_json),
    ...(row.classification_json === null ? {} : { classification: JSON.parse(row.classification_json) }),
    ...(row.batch_json === null ? {} : { batch: JSON.parse(row.batch_json) }),
  };
}

function countOutcomes(db: Database, range: { since: Date; until: Date }): OutcomeCounts {
  const rows = db.all<{ outcome: string; n: number }>(
    'SELECT outcome, count(*) AS n FROM deliveries WHERE started_at >= ? AND started_at < ? GROUP BY outcome',
    range.since.getTime(),
    range.until.getTime(),
  );
  const found = new Map(rows.map((row) => [row.outcome, row.n]));
  return Object.fromEntries(
    OutcomeSchema.options.map((outcome) => [outcome, found.get(outcome) ?? 0]),
  ) as OutcomeCounts;
}

function pruneDeliveries(db: Database, olderThan: Date): number {
  // Interactions go with their delivery (ON DELETE CASCADE); the count is of deliveries only.
  const removed = pruneInChunks(
    db,
    { table: 'deliveries', key: 'rowid', timeColumn: 'started_at' },
    olderThan,
  );
  pruneAggregates(db, olderThan.getTime());
  return removed;
}

export function toSummary(row: SummaryRow): DeliverySummary {
  return {
    id: row.id,
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    source: DeliverySourceSchema.parse(row.source),
    targetId: row.profile_id,
    callType: row.call_type,
    eventName: row.event_name,
    messageId: row.message_id,
    outcome: OutcomeSchema.parse(row.outcome),
    code: row.code,
    reason: row.reason,
    calls: row.calls,
    durationMs: row.duration_ms,
  };
}

/** JSON text for any value; something JSON cannot express is stored as a note rather than lost or thrown. */
function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    return JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
}

function toMillis(iso: string, fallback: number): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? ms : fallback;
}

function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}
