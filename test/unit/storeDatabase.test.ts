import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../electron/core/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { StoreOpenError } from '../../electron/core/store/storeOpenError';

let dir: string;
const open: Database[] = [];
const track = (db: Database): Database => (open.push(db), db);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'et-db-'));
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const pragma = (db: Database, name: string): unknown => Object.values(db.get(`PRAGMA ${name}`) ?? {})[0];

function expectRefused(file: string, problem: StoreOpenError['problem'], message: RegExp): void {
  const before = readFileSync(file);
  let thrown: unknown;
  try {
    track(openDatabase(file));
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StoreOpenError);
  expect(thrown).toMatchObject({ problem, file });
  expect((thrown as Error).message).toMatch(message);
  expect((thrown as Error).message).toContain(file);
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe('openDatabase', () => {
  it('creates the folder and file privately and migrates an empty database to the current schema', () => {
    const file = join(dir, 'nested', 'deeper', 'event-tester.db');
    const db = track(openDatabase(file));
    expect(db.file).toBe(file);
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION);
    const tables = db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    // Each feature adds its tables; these are the ones every build has had since they came.
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'deliveries',
        'interactions',
        'delivery_minutes',
        'delivery_issue_minutes',
        'delivery_issues',
      ]),
    );
    const indexes = db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    expect(indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'deliveries_outcome_started_at',
        'deliveries_source_started_at',
        'deliveries_started_at',
        'delivery_issues_code_started_at',
      ]),
    );
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    }
  });

  it('runs in WAL mode with a busy timeout, NORMAL sync and foreign keys on', () => {
    const db = track(openDatabase(join(dir, 'a.db')));
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'busy_timeout')).toBe(5000);
    expect(pragma(db, 'synchronous')).toBe(1);
    expect(pragma(db, 'foreign_keys')).toBe(1);
  });

  it('migrates step by step from the version a file has, and leaves a current file as it is', () => {
    const file = join(dir, 'm.db');
    const v1 = [{ version: 1, sql: 'CREATE TABLE a (x INTEGER);' }];
    openDatabase(file, { migrations: v1 }).close();
    const v2 = [...v1, { version: 2, sql: 'CREATE TABLE b (y INTEGER);' }];
    const db = track(openDatabase(file, { migrations: v2 }));
    expect(pragma(db, 'user_version')).toBe(2);
    expect(db.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toEqual([
      { name: 'a' },
      { name: 'b' },
    ]);
  });

  it('rolls a failed migration step back whole, version included', () => {
    const file = join(dir, 'bad-step.db');
    const steps = [{ version: 1, sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (x INTEGER);' }];
    expect(() => openDatabase(file, { migrations: steps })).toThrow(/already exists/);
    const db = track(openDatabase(file, { migrations: [] }));
    expect(pragma(db, 'user_version')).toBe(0);
    expect(db.all("SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([]);
  });

  it('refuses a text file named like the database and leaves its bytes alone', () => {
    const file = join(dir, 'event-tester.db');
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(20));
    expectRefused(file, 'not-a-database', /not an SQLite database.*left untouched.*--data-dir/s);
  });

  it('refuses random bytes, however long, and leaves them alone', () => {
    for (const size of [10, 100, 64 * 1024]) {
      const file = join(dir, `random-${size}.db`);
      writeFileSync(file, randomBytes(size));
      expectRefused(file, 'not-a-database', /not an SQLite database/);
    }
  });

  it('refuses a database with a valid header but damaged pages, without touching it', () => {
    const file = join(dir, 'damaged.db');
    const db = openDatabase(file);
    db.transaction(() => {
      for (let i = 0; i < 200; i++) {
        db.run(
          `INSERT INTO deliveries VALUES (?, ?, ?, 'app', 'sandbox', NULL, NULL, NULL, 'delivered', NULL, NULL,
            NULL, 0, 0, 0, '[]', '[]', ?, NULL)`,
          `id-${i}`,
          i,
          i,
          JSON.stringify({ filler: 'x'.repeat(300) }),
        );
      }
    });
    db.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    randomBytes(pageSize).copy(bytes, pageSize * 2);
    writeFileSync(file, bytes);
    expectRefused(file, 'corrupt', /damaged/);
  });

  it('refuses a file written by a newer build, names both schema versions, and does not migrate it', () => {
    const file = join(dir, 'newer.db');
    const newest = SCHEMA_VERSION + 2;
    const newer = [...MIGRATIONS];
    for (let v = SCHEMA_VERSION + 1; v <= newest; v++)
      newer.push({ version: v, sql: `CREATE TABLE future_${v} (x);` });
    openDatabase(file, { migrations: newer }).close();
    expectRefused(
      file,
      'newer-schema',
      new RegExp(`newer Event Tester \\(schema ${newest}, this build knows ${SCHEMA_VERSION}\\)`),
    );
  });

  it('sees a newer version still in the WAL (another process has it open) and refuses it too', () => {
    const file = join(dir, 'newer-in-wal.db');
    const steps = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, sql: 'CREATE TABLE future (x);' }];
    const newer = openDatabase(file, { migrations: steps });
    try {
      expect(readFileSync(file).readUInt32BE(60)).toBeLessThanOrEqual(SCHEMA_VERSION);
      expectRefused(file, 'newer-schema', /newer Event Tester/);
    } finally {
      newer.close();
    }
  });

  it('reports a path it cannot use (a folder) as unreadable', () => {
    expect(() => openDatabase(dir)).toThrow(StoreOpenError);
    expect(() => openDatabase(dir)).toThrow(/not a regular file/);
  });

  it('nests transactions as savepoints and rolls back only the failed part', () => {
    const db = track(
      openDatabase(join(dir, 't.db'), { migrations: [{ version: 1, sql: 'CREATE TABLE t (x);' }] }),
    );
    db.transaction(() => {
      db.run('INSERT INTO t VALUES (1)');
      expect(() =>
        db.transaction(() => {
          db.run('INSERT INTO t VALUES (2)');
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
      db.run('INSERT INTO t VALUES (3)');
    });
    expect(() =>
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (4)');
        throw new Error('outer fails');
      }),
    ).toThrow('outer fails');
    expect(db.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 3 }]);
  });

  it("waits for another process's write lock (busy timeout) instead of failing", async () => {
    const file = join(dir, 'shared.db');
    const db = track(openDatabase(file, { migrations: [{ version: 1, sql: 'CREATE TABLE t (who TEXT);' }] }));
    // A second process holds the write lock for a moment, as the CLI would while the app writes.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import Database from 'libsql';
         const db = new Database(process.argv[1]);
         db.exec('PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE');
         db.prepare("INSERT INTO t VALUES ('other')").run();
         console.log('locked');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
         db.exec('COMMIT');
         db.close();`,
        file,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const started = Date.now();
    db.transaction(() => db.run("INSERT INTO t VALUES ('this')"));
    expect(Date.now() - started).toBeGreaterThan(100);
    expect(await exited).toBe(0);
    expect(db.all('SELECT who FROM t ORDER BY rowid')).toEqual([{ who: 'other' }, { who: 'this' }]);
    expect(existsSync(`${file}-wal`)).toBe(true);
  });
});
