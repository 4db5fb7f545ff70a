import { AGGREGATES_BACKFILL_SQL, AGGREGATES_SQL } from './deliveryAggregates';
import { RECEIVED_EVENTS_SQL } from './receivedEventsSchema';
import { CALL_LEDGER_SQL } from './callLedgerStore';
import { ROLLUP_BACKFILL_SQL, ROLLUP_SQL } from './deliveryRollup';
import { SUITE_RUNS_SQL } from './suiteRunStore';

/**
 * The database schema, one step per version (`PRAGMA user_version`). Steps are append-only: a
 * released step is never edited, a change is a new step, because users' files already ran the old
 * one. Each step runs in its own transaction together with the version bump.
 */
export interface Migration {
  version: number;
  sql: string;
}

const V1_DELIVERIES = `
CREATE TABLE deliveries (
  id            TEXT PRIMARY KEY,
  started_at    INTEGER NOT NULL, -- ms since the epoch
  finished_at   INTEGER NOT NULL,
  source        TEXT NOT NULL,
  profile_id    TEXT NOT NULL,    -- the result's targetId
  call_type     TEXT,
  event_name    TEXT,
  message_id    TEXT,
  outcome       TEXT NOT NULL,
  code          TEXT,
  reason        TEXT,
  hint          TEXT,
  calls         INTEGER NOT NULL,
  duration_ms   REAL NOT NULL,
  dry_run       INTEGER NOT NULL,
  warnings_json TEXT NOT NULL,
  plan_json     TEXT NOT NULL,
  event_json    TEXT NOT NULL
);
-- Newest-first listing (ties by rowid, which the index carries), the since filter and pruning.
CREATE INDEX deliveries_started_at ON deliveries (started_at);
CREATE INDEX deliveries_outcome_started_at ON deliveries (outcome, started_at);
CREATE INDEX deliveries_source_started_at ON deliveries (source, started_at);
`;

const V1_INTERACTIONS = `
CREATE TABLE interactions (
  delivery_id         TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  seq                 INTEGER NOT NULL,
  step                TEXT NOT NULL,
  attempt             INTEGER NOT NULL,
  started_at          INTEGER NOT NULL, -- ms since the epoch
  duration_ms         REAL NOT NULL,
  status              INTEGER,
  request_json        TEXT NOT NULL,
  response_json       TEXT,
  error_json          TEXT,
  classification_json TEXT,
  PRIMARY KEY (delivery_id, seq)
);
`;

// Nullable: only a verified send (`send --verify`, the Verify toggle, a suite case expecting a
// read-back) has one, and rows recorded before this step read as "no read-back".
// History's "event name contains" search reads this index, not the table: the event names and
// start times of 100,000 deliveries are a few MB, the rows with their JSON are hundreds.
const V8_EVENT_NAME_SEARCH = `
CREATE INDEX deliveries_event_name_started_at ON deliveries (event_name, started_at);
`;

const V7_READ_BACK = `
ALTER TABLE deliveries ADD COLUMN read_back_json TEXT;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: V1_DELIVERIES + V1_INTERACTIONS },
  // Event Delivery's per-minute aggregates (deliveryAggregates.ts), back-filled from the rows already kept.
  { version: 2, sql: AGGREGATES_SQL + AGGREGATES_BACKFILL_SQL },
  // The local collector's sources and received events (receivedEventsSchema.ts).
  { version: 3, sql: RECEIVED_EVENTS_SQL },
  // The calls every process makes per Marketo instance, for one shared rate budget (callLedgerStore.ts).
  { version: 4, sql: CALL_LEDGER_SQL },
  // Event Delivery's hourly rollup and profile list (deliveryRollup.ts), summed from the minute rows.
  { version: 5, sql: ROLLUP_SQL + ROLLUP_BACKFILL_SQL },
  // Suite runs, and the batch mark of each interaction (suiteRunStore.ts).
  { version: 6, sql: SUITE_RUNS_SQL },
  // What Marketo stored beside what was sent, kept with a verified delivery (deliveryStore.ts).
  { version: 7, sql: V7_READ_BACK },
  { version: 8, sql: V8_EVENT_NAME_SEARCH },
];

/** The newest schema this build can read and write. */
export const SCHEMA_VERSION = MIGRATIONS.length;
