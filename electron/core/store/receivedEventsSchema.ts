/**
 * The collector's tables (a migration step in migrations.ts): the sources it has seen, one per
 * write key, and every event it received with its validation result. Times are ms since the epoch.
 */
export const RECEIVED_EVENTS_SQL = `
CREATE TABLE collector_sources (
  write_key      TEXT PRIMARY KEY,  -- '' for events sent without one
  name           TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  forward_target TEXT               -- a target id; NULL: not forwarded
);
CREATE TABLE received_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  arrived_at    INTEGER NOT NULL,
  write_key     TEXT NOT NULL REFERENCES collector_sources (write_key),
  library       TEXT,             -- context.library.name: the source library
  endpoint      TEXT NOT NULL,    -- the path it was posted to
  type          TEXT,
  event_name    TEXT,
  user_id       TEXT,
  anonymous_id  TEXT,
  good          INTEGER NOT NULL,
  problem_count INTEGER NOT NULL,
  bytes         INTEGER NOT NULL,
  problems_json TEXT NOT NULL,
  payload_json  TEXT NOT NULL
);
-- Newest first by id; the period filters and pruning; the schema view's per-event queries.
CREATE INDEX received_events_arrived_at ON received_events (arrived_at);
CREATE INDEX received_events_type_name ON received_events (type, event_name, arrived_at);
CREATE INDEX received_events_write_key ON received_events (write_key, id);
`;
