import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Libsql from 'libsql';
import { MIGRATIONS, type Migration } from './migrations';
import { corrupt, newerSchema, notADatabase, StoreOpenError, unreadable } from './storeOpenError';

/**
 * The one module that talks to the SQLite driver (`libsql`), so the driver can be swapped without
 * touching the stores. It opens a file only after checking that it is ours to use: a file that is
 * not a database, is damaged or was written by a newer build is refused with a StoreOpenError before
 * anything is written to it.
 */

export type SqlValue = string | number | bigint | null;

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement<Row> {
  run(...params: SqlValue[]): RunResult;
  get(...params: SqlValue[]): Row | undefined;
  all(...params: SqlValue[]): Row[];
}

export interface Database {
  /** The absolute path of the database file. */
  readonly file: string;
  /** Prepared once per SQL text and reused. */
  prepare<Row = Record<string, unknown>>(sql: string): Statement<Row>;
  run(sql: string, ...params: SqlValue[]): RunResult;
  get<Row = Record<string, unknown>>(sql: string, ...params: SqlValue[]): Row | undefined;
  all<Row = Record<string, unknown>>(sql: string, ...params: SqlValue[]): Row[];
  exec(sql: string): void;
  /**
   * Runs `fn` in a write transaction and returns its result; a throw rolls everything back. Nested
   * calls become savepoints, so a store method can be used on its own or inside a larger batch.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** How long a write waits for another connection (another process) to finish its own. */
  busyTimeoutMs?: number;
  /** The schema steps; tests pass their own to exercise version handling. */
  migrations?: readonly Migration[];
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
/** Where SQLite keeps `PRAGMA user_version` in the file header (big-endian). */
const USER_VERSION_OFFSET = 60;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const path = resolve(file);
  const migrations = options.migrations ?? MIGRATIONS;
  prepareFile(path, migrations.length);
  let raw: Libsql.Database;
  try {
    raw = new Libsql(path);
  } catch (error) {
    throw asOpenError(path, error);
  }
  const db = wrap(path, raw);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    refuseForeignFile(db, path, migrations.length);
    // Only now, with the file known to be ours, may anything be written to it.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    try {
      raw.close();
    } catch {
      // The open error is the one worth reporting.
    }
    throw asOpenError(path, error);
  }
}

/** Creates the folder (private to the user) and an empty private file, or checks the file's header. */
function prepareFile(path: string, known: number): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) {
      createPrivateFile(path);
      return;
    }
    if (!stat.isFile()) throw new Error('it is not a regular file');
  } catch (error) {
    throw unreadable(path, error);
  }
  checkHeader(path, known);
}

function createPrivateFile(path: string): void {
  try {
    // SQLite gives its -wal and -shm files the database file's permissions, so 0600 covers all three.
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    // Another process created it between our stat and open: fine, it is checked like any file.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Checks the header with plain file reads, before SQLite opens the file: closing SQLite's last
 * connection to a WAL database checkpoints it, which would rewrite a file we mean to refuse. An
 * empty file is a new database; anything else must start with SQLite's magic string.
 */
function checkHeader(path: string, known: number): void {
  const header = Buffer.alloc(HEADER_SIZE);
  let read: number;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, header, 0, HEADER_SIZE, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  if (read === 0) return;
  if (read < HEADER_SIZE || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw notADatabase(path);
  }
  const version = header.readUInt32BE(USER_VERSION_OFFSET);
  if (version > known) throw newerSchema(path, version, known);
}

/**
 * The same checks through SQLite, which also sees a newer version still in the WAL and damaged
 * pages; read-only, run before the first write.
 */
function refuseForeignFile(db: Database, path: string, known: number): void {
  const version = readUserVersion(db);
  if (version > known) throw newerSchema(path, version, known);
  const problems = db
    .all<{ quick_check: string }>('PRAGMA quick_check')
    .map((row) => row.quick_check)
    .filter((line) => line !== 'ok');
  if (problems.length > 0) throw corrupt(path, problems.slice(0, 3).join('; '));
}

function readUserVersion(db: Database): number {
  return Number(db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0);
}

function migrate(db: Database, migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migration ${index + 1} is numbered ${step.version}.`);
  });
  for (const step of migrations) {
    // Re-read inside the write transaction: another process may have migrated while we waited.
    db.transaction(() => {
      if (readUserVersion(db) >= step.version) return;
      db.exec(step.sql);
      db.exec(`PRAGMA user_version = ${step.version}`);
    });
  }
}

function asOpenError(path: string, error: unknown): Error {
  if (error instanceof StoreOpenError) return error;
  const code =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  if (code === 'SQLITE_NOTADB') return notADatabase(path, error);
  if (code.startsWith('SQLITE_CORRUPT')) return corrupt(path, (error as Error).message, error);
  if (code !== '') return unreadable(path, error);
  return error instanceof Error ? error : new Error(String(error));
}

function wrap(file: string, raw: Libsql.Database): Database {
  const statements = new Map<string, Statement<unknown>>();
  let depth = 0;
  let closed = false;

  const prepare = <Row>(sql: string): Statement<Row> => {
    if (closed) throw new Error(`The database "${file}" is closed.`);
    const cached = statements.get(sql);
    if (cached) return cached as Statement<Row>;
    const stmt = raw.prepare(sql);
    // The driver reads a lone object argument as named parameters, so always pass one array.
    const statement: Statement<Row> = {
      run: (...params) => {
        const { changes, lastInsertRowid } = stmt.run(params);
        return { changes, lastInsertRowid };
      },
      get: (...params) => stmt.get(params) as Row | undefined,
      all: (...params) => stmt.all(params) as Row[],
    };
    statements.set(sql, statement as Statement<unknown>);
    return statement;
  };

  const transaction = <T>(fn: () => T): T => {
    const savepoint = depth > 0 ? `sp${depth}` : null;
    // IMMEDIATE takes the write lock up front, so a busy database waits (busy_timeout) instead of
    // failing mid-transaction when a read lock cannot be upgraded.
    raw.exec(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE');
    depth++;
    try {
      const result = fn();
      if (result instanceof Promise) throw new TypeError('A store transaction must be synchronous.');
      raw.exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT');
      return result;
    } catch (error) {
      rollback(raw, savepoint);
      throw error;
    } finally {
      depth--;
    }
  };

  return {
    file,
    prepare,
    run: (sql, ...params) => prepare(sql).run(...params),
    get: <Row>(sql: string, ...params: SqlValue[]) => prepare<Row>(sql).get(...params),
    all: <Row>(sql: string, ...params: SqlValue[]) => prepare<Row>(sql).all(...params),
    exec: (sql) => {
      if (closed) throw new Error(`The database "${file}" is closed.`);
      raw.exec(sql);
    },
    transaction,
    close: () => {
      if (closed) return;
      closed = true;
      statements.clear();
      // libsql 0.5.x keeps the file open until prepared statements are garbage-collected
      // (tursodatabase/libsql-js#228), so SQLite's own checkpoint at close comes late; fold the WAL
      // into the file now. PASSIVE never waits for another process's connection.
      try {
        raw.exec('PRAGMA wal_checkpoint(PASSIVE)');
      } catch {
        // Nothing is lost: the WAL stays and is folded in by the next checkpoint.
      }
      raw.close();
    },
  };
}

function rollback(raw: Libsql.Database, savepoint: string | null): void {
  try {
    if (savepoint) raw.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    else if (raw.inTransaction) raw.exec('ROLLBACK');
  } catch {
    // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); the first error matters.
  }
}
