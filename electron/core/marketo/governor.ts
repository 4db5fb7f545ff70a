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
 * Identity (token) calls do not pass through the governor: Marketo does not count them against
 * the rate or concurrency limits, and the token cache single-flights them, so they add at most one
 * connection per client id.
 */

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
  start: () => void;
  fail: (reason: unknown) => void;
}

const EDGE_MARGIN_MS = 1;

export class Governor {
  private limits: GovernorLimits;
  private readonly now: () => number;
  private inFlight = 0;
  /** Release times of window slots held by completed calls. */
  private cooling: number[] = [];
  private queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `now` must be monotonic; performance.now() unless a test injects a clock. */
  constructor(limits: GovernorLimits, now: () => number = () => performance.now()) {
    this.limits = checkLimits(limits);
    this.now = now;
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
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
        this.pump();
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private release(): void {
    this.inFlight -= 1;
    this.cooling.push(this.now() + this.limits.windowMs + EDGE_MARGIN_MS);
    this.pump();
  }

  private prune(): void {
    const now = this.now();
    if (this.cooling.some((until) => until <= now))
      this.cooling = this.cooling.filter((until) => until > now);
  }

  /** Starts waiting calls in order while both limits allow; otherwise arms one timer. */
  private pump(): void {
    this.prune();
    while (this.queue.length > 0 && this.canStart()) {
      const waiter = this.queue.shift()!;
      this.inFlight += 1;
      waiter.start();
    }
    this.arm();
  }

  private canStart(): boolean {
    return (
      this.inFlight < this.limits.maxInFlight && this.inFlight + this.cooling.length < this.limits.maxCalls
    );
  }

  /** A timer is needed only when calls wait on the window alone; completions pump on their own. */
  private arm(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0 || this.cooling.length === 0) return;
    if (this.inFlight >= this.limits.maxInFlight) return;
    const delay = Math.max(0, Math.ceil(Math.min(...this.cooling) - this.now()));
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
