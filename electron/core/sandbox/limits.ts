import { DailyCount } from './dailyCount';
import { item, type MarketoErrorItem } from './envelope';

export interface LimitConfig {
  calls: number;
  windowMs: number;
  maxConcurrent: number;
  dailyQuota: number;
}

/**
 * Marketo's instance limits and the counters tests use to prove a client stayed inside them.
 *
 * Two windows are kept. `arrivals` holds every REST call that reached the server (accepted or
 * refused), and gives `peakInWindow`. `admitted` holds the calls the rate limit let through; refused
 * and auth-failed calls don't enter it (Marketo doesn't count them), so a burst doesn't lock a client
 * out for good. A window is the half-open interval (t - windowMs, t].
 */
export class Limits {
  private arrivals: number[] = [];
  private admitted: number[] = [];
  inFlight = 0;
  peakInFlight = 0;
  peakInWindow = 0;
  /** Calls admitted in this quota day (Marketo's day: it starts again at midnight US Central). */
  readonly daily: DailyCount;
  refused606 = 0;
  refused615 = 0;
  refused607 = 0;

  constructor(
    readonly config: LimitConfig,
    private readonly now: () => number = () => performance.now(),
    wallClock: () => Date = () => new Date(),
  ) {
    this.daily = new DailyCount(wallClock);
  }

  /**
   * A REST call arrived: it is in flight until `leave()`. Returns whether it arrived over the
   * concurrency limit; that is judged here, at arrival, so exactly the calls beyond the limit are refused.
   */
  arrive(): boolean {
    const t = this.now();
    prune(this.arrivals, t - this.config.windowMs);
    this.arrivals.push(t);
    this.peakInWindow = Math.max(this.peakInWindow, this.arrivals.length);
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    return this.inFlight > this.config.maxConcurrent;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Decides whether an arrived, authenticated call may run; counts it against the limits if so. */
  admit(overConcurrency: boolean): MarketoErrorItem | null {
    const { calls, windowMs, maxConcurrent, dailyQuota } = this.config;
    if (overConcurrency) {
      this.refused615 += 1;
      return item('615', `Concurrent access limit '${maxConcurrent}' reached`);
    }
    const t = this.now();
    prune(this.admitted, t - windowMs);
    if (this.admitted.length >= calls) {
      this.refused606 += 1;
      return item('606', `Max rate limit '${calls}' exceeded with in '${windowMs / 1000}' secs`);
    }
    if (this.daily.value >= dailyQuota) {
      this.refused607 += 1;
      return item('607', 'Daily quota reached');
    }
    this.admitted.push(t);
    this.daily.add();
    return null;
  }

  /** Clears counters and windows; calls still in flight stay counted as such. */
  reset(): void {
    this.arrivals = [];
    this.admitted = [];
    this.peakInWindow = 0;
    this.peakInFlight = this.inFlight;
    this.daily.reset();
    this.refused606 = 0;
    this.refused615 = 0;
    this.refused607 = 0;
  }
}

/** Drops timestamps at or before `cutoff` (the arrays are in time order). */
function prune(times: number[], cutoff: number): void {
  let drop = 0;
  while (drop < times.length && times[drop]! <= cutoff) drop += 1;
  if (drop > 0) times.splice(0, drop);
}
