import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, StoreOpenError, type Store } from '../../electron/core/store';
import { makeRecord } from '../bench/storeRecords';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-15T08:00:00.000Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);

let dir: string;
const stores: Store[] = [];
const open = (options: Partial<Parameters<typeof openStore>[0]> = {}): Store => {
  const store = openStore({ dataDir: dir, now: () => NOW, ...options });
  stores.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'et-store-'));
});
afterEach(() => {
  vi.useRealTimers();
  for (const store of stores.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('opens <dataDir>/event-tester.db, creating the folder, and keeps data across reopening', () => {
    dir = join(dir, 'fresh', 'Event Tester');
    const first = open();
    expect(first.path).toBe(join(dir, 'event-tester.db'));
    first.deliveries.record(makeRecord(1, { startedAt: daysAgo(1) }));
    first.close();
    first.close();
    const again = open();
    expect(again.deliveries.list({}).total).toBe(1);
    expect(again.deliveries.get(makeRecord(1, { startedAt: NOW }).id)?.startedAt).toBe(
      daysAgo(1).toISOString(),
    );
  });

  it('keeps 14 days by default, pruning at open', () => {
    const seed = open({ retentionDays: 365 });
    seed.deliveries.recordMany([
      makeRecord(1, { startedAt: daysAgo(20) }),
      makeRecord(2, { startedAt: new Date(daysAgo(14).getTime() - 1) }),
      makeRecord(3, { startedAt: daysAgo(14) }),
      makeRecord(4, { startedAt: daysAgo(1) }),
    ]);
    seed.close();
    const store = open();
    expect(store.deliveries.list({}).items.map((i) => i.id.slice(-1))).toEqual(['4', '3']);
  });

  it('prunes on demand with the configured retention, and again hourly in the background', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = NOW;
    const store = open({ retentionDays: 2, now: () => now });
    store.deliveries.recordMany([
      makeRecord(1, { startedAt: daysAgo(3) }),
      makeRecord(2, { startedAt: daysAgo(1) }),
    ]);
    expect(store.prune()).toBe(1);
    now = new Date(NOW.getTime() + 2 * DAY);
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(store.deliveries.list({}).total).toBe(0);
  });

  it('stops its timer on close', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = open();
    expect(vi.getTimerCount()).toBe(1);
    store.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a retention that is not a positive number of days', () => {
    expect(() => open({ retentionDays: 0 })).toThrow(RangeError);
    expect(() => open({ retentionDays: Number.NaN })).toThrow(RangeError);
  });

  it('throws StoreOpenError for a text file named event-tester.db and leaves it alone', () => {
    const file = join(dir, 'event-tester.db');
    writeFileSync(file, 'not a database\n'.repeat(50));
    expect(() => open()).toThrow(StoreOpenError);
    expect(readFileSync(file, 'utf8')).toBe('not a database\n'.repeat(50));
  });

  it('lets two handles on one file write side by side and see each other (WAL)', () => {
    const app = open();
    const cli = open();
    for (let n = 0; n < 50; n++) {
      (n % 2 === 0 ? app : cli).deliveries.record(makeRecord(n, { startedAt: new Date(NOW.getTime() - n) }));
    }
    expect(app.deliveries.list({}).total).toBe(50);
    expect(cli.deliveries.list({ limit: 1 }).items[0]!.id).toBe(makeRecord(0, { startedAt: NOW }).id);
    expect(cli.deliveries.get(makeRecord(48, { startedAt: NOW }).id)?.interactions).toHaveLength(3);
  });
});
