import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';
import {
  buildQuery,
  DEFAULT_FILTERS,
  type HistoryFilters,
} from '../../renderer/src/features/history/historyQuery';
import { DeliveryRecordSchema } from '../../shared/history';
import { makeRecord } from '../bench/storeRecords';

/**
 * `event-tester send` records into the shared history database and `event-tester history` reads it
 * back: the built CLI, run as a user would, on a data folder of the test's own.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/event-tester.mjs');
let dir: string;
let home: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: home, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const track = {
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  properties: { webinar: 'History Webinar', seats: 2 },
  context: { traits: { email: 'ada@example.com' } },
};

function eventFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const historyJson = (...args: string[]) => {
  const run = cli(['history', '--json', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return DeliveryRecordSchema.array().parse(JSON.parse(run.stdout));
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cli-history-'));
  home = path.join(dir, 'home');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('send records, history reads', () => {
  it('starts empty and says where it looked', () => {
    const run = cli(['history']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`No deliveries recorded in ${path.join(home, 'event-tester.db')}`);
  });

  it('a sent event appears in history --json with its interactions; --no-record leaves none', () => {
    const sent = cli(['send', eventFile('track.json', track), '--json']);
    expect(sent.code).toBe(0);
    const result = JSON.parse(sent.stdout) as { id: string; interactions: unknown[] };
    const unrecorded = cli(['send', eventFile('track.json', track), '--json', '--no-record']);
    expect(unrecorded.code).toBe(0);
    const unrecordedId = (JSON.parse(unrecorded.stdout) as { id: string }).id;

    const records = historyJson();
    expect(records.map((r) => r.id)).toEqual([result.id]);
    expect(records[0]).toMatchObject({
      outcome: 'delivered',
      source: 'cli',
      targetId: 'sandbox',
      event: track,
    });
    expect(records[0]!.interactions).toEqual(result.interactions);
    expect(records.map((r) => r.id)).not.toContain(unrecordedId);
  });

  it('lists newest first as a table, filters by outcome and time, and shows one lifecycle', () => {
    const rejected = cli(['send', eventFile('unmapped.json', { ...track, event: 'Nope Clicked' })]);
    expect(rejected.code).toBe(1);
    const table = cli(['history']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +STARTED +OUTCOME +CODE +EVENT +CALLS +DURATION +SOURCE$/);
    expect(lines[1]).toMatch(/REJECTED +UNMAPPED_EVENT +track Nope Clicked +0 +\d+ ms +cli$/);
    expect(lines[2]).toMatch(/DELIVERED +track Webinar Registered +3 +\d+ ms +cli$/);

    expect(historyJson('--outcome', 'rejected').map((r) => r.code)).toEqual(['UNMAPPED_EVENT']);
    expect(historyJson('--since', '10m')).toHaveLength(2);
    expect(historyJson('--since', '2000-01-01T00:00:00Z', '--limit', '1')).toHaveLength(1);

    const id = historyJson('--outcome', 'delivered')[0]!.id;
    const show = cli(['history', 'show', id]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^DELIVERED {2}Marketo added activity/);
    expect(show.stdout).toMatch(/Lifecycle \(3 requests\):/);
    expect(show.stdout).toMatch(/2\/3 lead-lookup +GET .*filterType=email/);
  });

  it('--data-dir takes precedence over EVENT_TESTER_HOME', () => {
    const other = path.join(dir, 'other');
    expect(cli(['send', eventFile('track.json', track), '--data-dir', other]).code).toBe(0);
    const there = cli(['history', '--json', '--data-dir', other]);
    expect(JSON.parse(there.stdout)).toHaveLength(1);
    expect(historyJson()).toHaveLength(2);
  });

  it.each([
    [['history', '--since', 'yesterday'], /--since takes a span such as 10m/],
    [['history', '--outcome', 'great'], /--outcome takes delivered, rejected/],
    [['history', '--limit', '0'], /--limit must be a whole number from 1 to 500/],
    [['history', '--source', 'app,phone'], /--source takes app, cli, suite, collector; got 'phone'/],
    [['history', '--event-contains', '  '], /--event-contains takes 1 to 200 characters/],
    [['history', '--bogus'], /unknown option '--bogus'/],
    [['history', 'show'], /show takes one delivery id/],
    [['history', 'list'], /unknown subcommand 'list'/],
  ])('refuses %j with a usage error', (args, message) => {
    const run = cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/usage: event-tester history/);
  });

  it('an unknown id exits 1 and says so', () => {
    const run = cli(['history', 'show', 'no-such-delivery']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no delivery with id no-such-delivery/);
  });

  it('a corrupt database is reported, never overwritten, and send still delivers', () => {
    const broken = path.join(dir, 'broken');
    const db = path.join(broken, 'event-tester.db');
    rmSync(broken, { recursive: true, force: true });
    cli(['history', '--data-dir', broken]);
    const junk = 'not a database\n'.repeat(500);
    writeFileSync(db, junk);
    const history = cli(['history', '--data-dir', broken]);
    expect(history.code).toBe(2);
    expect(history.stderr).toContain(db);
    const sent = cli(['send', eventFile('track.json', track), '--data-dir', broken]);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^DELIVERED/);
    expect(sent.stderr).toMatch(/not recorded in history: /);
    expect(readFileSync(db, 'utf8')).toBe(junk);
  });
});

describe('the CLI filters as the History view does', () => {
  it('--source and --event-contains list exactly what the view asks the same store for', () => {
    const dataDir = path.join(dir, 'filters');
    expect(cli(['send', eventFile('track.json', track), '--data-dir', dataDir]).code).toBe(0);
    // Deliveries the app and a suite run recorded in the same file, as those processes would.
    const store = openStore({ dataDir });
    const now = Date.now();
    store.deliveries.recordMany([
      makeRecord(1, { startedAt: new Date(now - 3_000), source: 'app' }),
      makeRecord(2, { startedAt: new Date(now - 2_000), source: 'suite' }),
      makeRecord(3, {
        startedAt: new Date(now - 1_000),
        source: 'app',
        event: { type: 'page', name: 'Pricing Page', userId: 'u-3' },
      }),
    ]);
    const viewIds = (filters: Partial<HistoryFilters>) =>
      store.deliveries
        .list(buildQuery({ ...DEFAULT_FILTERS, ...filters }, undefined, 0, 50))
        .items.map((item) => item.id);
    const cliIds = (...args: string[]) => historyJson('--data-dir', dataDir, ...args).map((r) => r.id);
    try {
      const cases: [string[], Partial<HistoryFilters>, number][] = [
        [['--source', 'app'], { sources: ['app'] }, 2],
        [['--source', 'cli,suite'], { sources: ['cli', 'suite'] }, 2],
        [['--event-contains', 'webinar REG'], { eventContains: 'webinar REG' }, 2],
        [
          ['--source', 'app', '--event-contains', 'pricing'],
          { sources: ['app'], eventContains: 'pricing' },
          1,
        ],
      ];
      for (const [args, filters, expected] of cases) {
        const ids = cliIds(...args);
        expect(ids, args.join(' ')).toHaveLength(expected);
        expect(ids, args.join(' ')).toEqual(viewIds(filters));
      }
    } finally {
      store.close();
    }
  });
});

describe('a verified send in history', () => {
  /** The lines `formatReadBack` prints: from "Read back:" to the blank line before the lifecycle. */
  const readBackLines = (stdout: string): string[] => {
    const lines = stdout.split('\n');
    const start = lines.findIndex((line) => line.startsWith('Read back:'));
    expect(start).toBeGreaterThan(0);
    const end = lines.indexOf('', start);
    return lines.slice(start, end < 0 ? undefined : end);
  };

  it('history show prints the read-back exactly as send --verify did; --json returns it', () => {
    const dataDir = path.join(dir, 'verified');
    const verified = { ...track, properties: { webinar: 'Verified Webinar', seats: 4 } };
    const sent = cli(['send', eventFile('verified.json', verified), '--verify', '--data-dir', dataDir]);
    expect(sent.code).toBe(0);
    const printed = readBackLines(sent.stdout);
    expect(printed[0]).toMatch(/^Read back: activity \d+ as Marketo stored it:$/);
    expect(printed).toContainEqual(
      expect.stringMatching(
        /same {2}primaryAttributeValue +sent "Verified Webinar" {2}stored "Verified Webinar"/,
      ),
    );
    cli(['send', eventFile('plain.json', track), '--data-dir', dataDir]);

    const records = historyJson('--data-dir', dataDir);
    expect(records).toHaveLength(2);
    const [plain, recorded] = records;
    expect(plain).not.toHaveProperty('readBack');
    expect(recorded!.readBack).toMatchObject({ found: true });
    expect(recorded!.readBack!.fields).toContainEqual({
      name: 'attributes.seats',
      sent: 4,
      stored: 4,
      match: true,
    });

    const show = cli(['history', 'show', recorded!.id, '--data-dir', dataDir]);
    expect(show.code).toBe(0);
    expect(readBackLines(show.stdout)).toEqual(printed);
    const shownJson = cli(['history', 'show', recorded!.id, '--json', '--data-dir', dataDir]);
    expect(DeliveryRecordSchema.parse(JSON.parse(shownJson.stdout)).readBack).toEqual(recorded!.readBack);
  });
});
