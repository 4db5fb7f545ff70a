/**
 * The budget every event-tester process shares per Marketo instance. Marketo counts 100 calls per
 * 20 s per instance whoever makes them, so the app, the CLI and suite runs on one machine must draw
 * from one budget; the store's `call_ledger` table is that budget (store/callLedgerStore.ts).
 */
export type LedgerReservation = { ok: true; ticket: number } | { ok: false; retryInMs: number };

export interface CallLedger {
  /**
   * Takes a slot for one call to `instance` when fewer than `maxCalls` calls (by any process) fell
   * in the last `windowMs`, atomically across processes; otherwise says how long until one frees.
   */
  reserve(instance: string, maxCalls: number, windowMs: number): LedgerReservation;
  /** The call finished: its slot now counts from this moment (Marketo counts arrival, not start). */
  complete(ticket: number): void;
}
