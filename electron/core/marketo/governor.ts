/**
 * The call governor for one Marketo instance: at most `maxCalls` calls in any sliding window of
 * `windowMs`, and at most `maxInFlight` calls at once, served first come first served.
 *
 * Exactness: Marketo counts a call when it ARRIVES, which is some time after we start it and
 * before it completes. So each call holds a window slot from its start until `windowMs` (+1 ms,
 * against inclusive window edges and millisecond rounding) after it COMPLETES. Any window of
 * arrivals [t, t + windowMs) then lies inside the slot of every call that arrived in it, so at the
 * moment t + windowMs - 1 all of those calls hold a slot at once, and there are never more than
 * `maxCalls` of them.
 *
 * Shared budget: with a `CallLedger` (the store's call_ledger), a call also needs a slot in the
 * instance's budget shared by every event-tester process on the machine; when the ledger is full
 * the queue waits until the ledger says a slot frees.
 *
 * Backing off: Marketo's 606/615 mean other integrations (or processes without the ledger) use the
 * same instance, so `penalize` pauses the whole queue and halves the rate for a few windows.
 *
 * Identity (token) calls do not pass through the governor: Marketo does not count them against
 * the rate or concurrency limits, and the token cache single-flights them, so they add at most one
 * connection per set of credentials.
 */

import type { CallLedger } from './callLedger';

export interface GovernorLimits {
  /** Calls in any sliding window (Marketo: 100 per 20 s per instance; default share 50). */
  maxCalls: number;
  /** Calls in flight at once (Marketo: 10 per instance; default 5). */
  maxInFlight: number;
  windowMs: number;
}

export interface GovernorSnapshot {
  inFlight: number;
  /** Window slots still held by completed calls. */
  cooling: number;
  waiting: number;
}

interface Waiter {
  start: (ticket: number | null) => void;
  fail: (reason: unknown) => void;
}

export interface GovernorOptions {
  /** Monotonic ms clock; performance.now() unless a test injects one. */
  now?: () => number;
  /** The budget shared with other processes, and this instance's key in it. */
  shared?: { ledger: CallLedger; instance: string };
  /** A ledger that fails (disk full, locked too long): the governor goes on with its local limits. */
  onLedgerError?: (error: unknown) => void;
}

const EDGE_MARGIN_MS = 1;
/** After a 606/615 the rate is halved for this many windows. */
const SLOW_WINDOWS = 3;

export class Governor {
  private limits: GovernorLimits;
  private readonly now: () => number;
  private inFlight = 0;
  /** Release times of window slots held by completed calls. */
  private cooling: number[] = [];
  private queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;
  private slowUntil = 0;
  /** Epoch ms until which the daily quota is known to be used up (607). */
  private quotaUntil = 0;
  /** When the shared ledger said it has no room: wait until then before asking again. */
  private sharedWaitUntil = 0;
  private readonly shared: GovernorOptions['shared'];
  private readonly onLedgerError: (error: unknown) => void;

  constructor(limits: GovernorLimits, options: GovernorOptions | (() => number) = {}) {
    const opts = typeof options === 'function' ? { now: options } : options;
    this.limits = checkLimits(limits);
    this.now = opts.now ?? (() => performance.now());
    this.shared = opts.shared;
    this.onLedgerError = opts.onLedgerError ?? (() => undefined);
  }

  /**
   * Marketo refused a call for the rate (606) or concurrency (615) limit: hold every waiting call
   * for `pauseMs` and halve the rate for a few windows, since someone else shares the instance.
   */
  penalize(pauseMs: number): void {
    const now = this.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
    this.slowUntil = Math.max(this.slowUntil, now + SLOW_WINDOWS * this.limits.windowMs);
    this.pump();
  }

  /**
   * 607: the instance's daily quota is used up. Until `untilEpochMs` (wall clock: the reset at
   * midnight US Central) calls are refused here instead of being sent to be refused again.
   */
  quotaExhausted(untilEpochMs: number): void {
    this.quotaUntil = Math.max(this.quotaUntil, untilEpochMs);
  }

  /** When the daily quota resets (epoch ms), while it is known to be used up. */
  quotaBlockedUntil(): number | undefined {
    return Date.now() < this.quotaUntil ? this.quotaUntil : undefined;
  }

  /** Calls allowed per window right now (halved while slowed down after a 606/615). */
  effectiveMaxCalls(): number {
    const { maxCalls } = this.limits;
    return this.now() < this.slowUntil ? Math.max(1, Math.floor(maxCalls / 2)) : maxCalls;
  }

  /** Changes the limits (new settings for the same instance); waiting calls are re-examined. */
  setLimits(limits: GovernorLimits): void {
    this.limits = checkLimits(limits);
    this.pump();
  }

  getLimits(): GovernorLimits {
    return { ...this.limits };
  }

  snapshot(): GovernorSnapshot {
    this.prune();
    return { inFlight: this.inFlight, cooling: this.cooling.length, waiting: this.queue.length };
  }

  /** Runs `task` when the limits allow; an aborted signal removes a waiting call from the queue. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const ticket = await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release(ticket);
    }
  }

  private acquire(signal?: AbortSignal): Promise<number | null> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<number | null>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
        this.pump();
      };
      const waiter: Waiter = {
        start: (ticket) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(ticket);
        },
        fail: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private release(ticket: number | null): void {
    this.inFlight -= 1;
    this.cooling.push(this.now() + this.limits.windowMs + EDGE_MARGIN_MS);
    if (ticket !== null && this.shared) {
      try {
        this.shared.ledger.complete(ticket);
      } catch (error) {
        this.onLedgerError(error);
      }
    }
    this.pump();
  }

  private prune(): void {
    const now = this.now();
    if (this.cooling.some((until) => until <= now))
      this.cooling = this.cooling.filter((until) => until > now);
  }

  /** Starts waiting calls in order while every limit allows; otherwise arms one timer. */
  private pump(): void {
    this.prune();
    let wakeAt: number | undefined;
    while (this.queue.length > 0) {
      const now = this.now();
      const blockedUntil = Math.max(this.pausedUntil, this.sharedWaitUntil);
      if (now < blockedUntil) {
        wakeAt = blockedUntil;
        break;
      }
      if (!this.canStart()) {
        wakeAt = this.windowWake();
        break;
      }
      const ticket = this.reserveShared(now);
      if (ticket === 'full') {
        wakeAt = this.sharedWaitUntil;
        break;
      }
      const waiter = this.queue.shift()!;
      this.inFlight += 1;
      waiter.start(ticket);
    }
    this.arm(wakeAt);
  }

  /** A slot in the cross-process budget, null without a ledger (or when it fails), or 'full'. */
  private reserveShared(now: number): number | null | 'full' {
    if (!this.shared) return null;
    try {
      const { ledger, instance } = this.shared;
      const reserved = ledger.reserve(
        instance,
        this.effectiveMaxCalls(),
        this.limits.windowMs + EDGE_MARGIN_MS,
      );
      if (reserved.ok) return reserved.ticket;
      this.sharedWaitUntil = now + Math.max(1, reserved.retryInMs);
      return 'full';
    } catch (error) {
      this.onLedgerError(error);
      return null;
    }
  }

  private canStart(): boolean {
    return (
      this.inFlight < this.limits.maxInFlight &&
      this.inFlight + this.cooling.length < this.effectiveMaxCalls()
    );
  }

  /** When a local window slot frees; undefined when only a completing call can make room. */
  private windowWake(): number | undefined {
    if (this.inFlight >= this.limits.maxInFlight || this.cooling.length === 0) return undefined;
    return Math.min(...this.cooling);
  }

  private arm(wakeAt: number | undefined): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0 || wakeAt === undefined) return;
    const delay = Math.max(0, Math.ceil(wakeAt - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delay);
  }

  /** Rejects all waiting calls (engine shutdown). */
  close(reason: unknown = new Error('The governor was closed')): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.queue;
    this.queue = [];
    for (const waiter of waiting) waiter.fail(reason);
  }
}

function checkLimits(limits: GovernorLimits): GovernorLimits {
  const { maxCalls, maxInFlight, windowMs } = limits;
  if (!Number.isInteger(maxCalls) || maxCalls < 1 || maxCalls > 100) {
    throw new RangeError(`maxCalls must be an integer from 1 to 100, got ${maxCalls}`);
  }
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 10) {
    throw new RangeError(`maxInFlight must be an integer from 1 to 10, got ${maxInFlight}`);
  }
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
  return { maxCalls, maxInFlight, windowMs };
}
