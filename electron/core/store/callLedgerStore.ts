/**
 * The call ledger (design.md, "The store"): one row per call made to a Marketo instance, by any
 * event-tester process on this machine, so every governor draws from one budget per instance. A
 * reservation counts and inserts in one IMMEDIATE transaction, so two processes can never both
 * take the last slot. Rows older than an hour are pruned as calls are made.
 */
import type { CallLedger, LedgerReservation } from '../marketo/callLedger';
import type { Database } from './database';

export const CALL_LEDGER_SQL = `
CREATE TABLE call_ledger (
  id       INTEGER PRIMARY KEY,
  instance TEXT NOT NULL,    -- the normalised endpoint
  at       INTEGER NOT NULL  -- ms since the epoch: the call's start, then its completion
);
CREATE INDEX call_ledger_instance_at ON call_ledger (instance, at);
`;

/** Rows are kept this long (far past any rate window), then pruned. */
const KEEP_MS = 60 * 60 * 1000;
/** Prune once per this many reservations, so pruning costs nothing per call. */
const PRUNE_EVERY = 256;

export function createCallLedgerStore(db: Database, now: () => number = Date.now): CallLedger {
  let sincePrune = 0;
  const count = db.prepare<{ n: number; oldest: number | null }>(
    'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM call_ledger WHERE instance = ? AND at > ?',
  );
  const insert = db.prepare('INSERT INTO call_ledger (instance, at) VALUES (?, ?)');
  const complete = db.prepare('UPDATE call_ledger SET at = ? WHERE id = ?');
  const prune = db.prepare('DELETE FROM call_ledger WHERE at < ?');

  return {
    reserve(instance, maxCalls, windowMs): LedgerReservation {
      return db.transaction(() => {
        const t = now();
        const row = count.get(instance, t - windowMs);
        const used = row?.n ?? 0;
        if (used >= maxCalls) {
          const oldest = row?.oldest ?? t;
          return { ok: false, retryInMs: Math.max(1, oldest + windowMs - t + 1) };
        }
        const ticket = Number(insert.run(instance, t).lastInsertRowid);
        if (++sincePrune >= PRUNE_EVERY) {
          sincePrune = 0;
          prune.run(t - KEEP_MS);
        }
        return { ok: true, ticket };
      });
    },
    complete(ticket) {
      // Marketo counts a call when it arrives, some time after we start it: counting the window
      // from completion keeps every arrival inside it.
      complete.run(now(), ticket);
    },
  };
}
