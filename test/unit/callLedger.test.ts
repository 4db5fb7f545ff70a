import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/database';
import { createCallLedgerStore } from '../../electron/core/store/callLedgerStore';
import { Governor } from '../../electron/core/marketo/governor';

const dirs: string[] = [];
function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  dirs.push(dir);
  return join(dir, 'event-tester.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('call ledger', () => {
  it('two connections (two processes) share one budget per instance', () => {
    const file = dbFile();
    let t = 1_000_000;
    const a = openDatabase(file);
    const b = openDatabase(file);
    const ledgerA = createCallLedgerStore(a, () => t);
    const ledgerB = createCallLedgerStore(b, () => t);
    for (let i = 0; i < 3; i++) expect(ledgerA.reserve('https://x', 5, 1000).ok).toBe(true);
    for (let i = 0; i < 2; i++) expect(ledgerB.reserve('https://x', 5, 1000).ok).toBe(true);
    expect(ledgerA.reserve('https://x', 5, 1000)).toEqual({ ok: false, retryInMs: 1001 });
    expect(ledgerB.reserve('https://other', 5, 1000).ok).toBe(true);
    t += 1001;
    expect(ledgerB.reserve('https://x', 5, 1000).ok).toBe(true);
    a.close();
    b.close();
  });

  it('counts a call from its completion, so a slow call holds its slot longer', () => {
    let t = 0;
    const db = openDatabase(dbFile());
    const ledger = createCallLedgerStore(db, () => t);
    const first = ledger.reserve('i', 1, 100);
    if (!first.ok) throw new Error('expected a slot');
    t = 90;
    ledger.complete(first.ticket);
    t = 150;
    expect(ledger.reserve('i', 1, 100).ok).toBe(false);
    t = 191;
    expect(ledger.reserve('i', 1, 100).ok).toBe(true);
    db.close();
  });

  it('a governor waits for the shared budget another process has used', async () => {
    const file = dbFile();
    const other = openDatabase(file);
    const otherLedger = createCallLedgerStore(other);
    const reservedAt = Date.now();
    for (let i = 0; i < 3; i++) otherLedger.reserve('inst', 3, 300);
    const db = openDatabase(file);
    const governor = new Governor(
      { maxCalls: 3, maxInFlight: 3, windowMs: 300 },
      { shared: { ledger: createCallLedgerStore(db), instance: 'inst' } },
    );
    let startedAt = 0;
    await governor.run(async () => void (startedAt = Date.now()));
    // Not before the other process's calls left the window (measured from when it made them).
    expect(startedAt - reservedAt).toBeGreaterThanOrEqual(300);
    governor.close();
    db.close();
    other.close();
  });

  it('penalize pauses the queue and halves the rate for a while', async () => {
    const governor = new Governor({ maxCalls: 10, maxInFlight: 5, windowMs: 200 });
    governor.penalize(100);
    expect(governor.effectiveMaxCalls()).toBe(5);
    const started = performance.now();
    await governor.run(async () => undefined);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    governor.close();
  });
});
