/**
 * Suite runs (design.md, "The store"): one row per run with its counts for the past-runs list, and
 * the case results as JSON (each names its delivery, whose lifecycle is in `deliveries`). Also adds
 * `batch_json` to `interactions`, so a batched exchange keeps the mark of the event's own record.
 */
import { SuiteRunSchema, type SuiteRun, type SuiteRunSummary } from '../../../shared/suiteRun';
import type { SuiteRunRecorder } from '../suites/runner';
import type { Database } from './database';

export const SUITE_RUNS_SQL = `
CREATE TABLE suite_runs (
  id          TEXT PRIMARY KEY,
  started_at  INTEGER NOT NULL, -- ms since the epoch
  finished_at INTEGER,
  suite_name  TEXT NOT NULL,
  suite_path  TEXT,
  profile_id  TEXT NOT NULL,
  status      TEXT NOT NULL,
  total       INTEGER NOT NULL,
  executed    INTEGER NOT NULL,
  passed      INTEGER NOT NULL,
  failed      INTEGER NOT NULL,
  skipped     INTEGER NOT NULL,
  cases_json  TEXT NOT NULL
);
CREATE INDEX suite_runs_started_at ON suite_runs (started_at);
ALTER TABLE interactions ADD COLUMN batch_json TEXT;
`;

interface RunRow {
  id: string;
  started_at: number;
  finished_at: number | null;
  suite_name: string;
  suite_path: string | null;
  profile_id: string;
  status: string;
  total: number;
  executed: number;
  passed: number;
  failed: number;
  skipped: number;
}

const COLUMNS =
  'id, started_at, finished_at, suite_name, suite_path, profile_id, status, total, executed, passed, failed, skipped';

function toSummary(row: RunRow): SuiteRunSummary {
  return {
    id: row.id,
    suiteName: row.suite_name,
    suitePath: row.suite_path,
    targetId: row.profile_id,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    status: SuiteRunSchema.shape.status.parse(row.status),
    counts: {
      total: row.total,
      executed: row.executed,
      passed: row.passed,
      failed: row.failed,
      skipped: row.skipped,
    },
  };
}

export function createSuiteRunStore(db: Database): SuiteRunRecorder {
  return {
    save(run: SuiteRun) {
      const c = run.counts;
      db.run(
        `INSERT OR REPLACE INTO suite_runs (${COLUMNS}, cases_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        run.id,
        Date.parse(run.startedAt),
        run.finishedAt === null ? null : Date.parse(run.finishedAt),
        run.suiteName,
        run.suitePath,
        run.targetId,
        run.status,
        c.total,
        c.executed,
        c.passed,
        c.failed,
        c.skipped,
        JSON.stringify(run.cases),
      );
    },
    list(limit: number) {
      return db
        .all<RunRow>(`SELECT ${COLUMNS} FROM suite_runs ORDER BY started_at DESC, rowid DESC LIMIT ?`, limit)
        .map(toSummary);
    },
    get(id: string) {
      const row = db.get<RunRow & { cases_json: string }>(
        `SELECT ${COLUMNS}, cases_json FROM suite_runs WHERE id = ?`,
        id,
      );
      return row ? { ...toSummary(row), cases: JSON.parse(row.cases_json) as SuiteRun['cases'] } : null;
    },
  };
}
