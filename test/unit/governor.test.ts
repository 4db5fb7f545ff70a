import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Governor } from '../../electron/core/marketo/governor';

const clock = () => Date.now();

/** A task that takes `ms` of (fake) time and records when it ran. */
function timedTask(log: { id: number; start: number; end: number }[], id: number, ms: number) {
  return () =>
    new Promise<number>((resolve) => {
      const start = Date.now();
      setTimeout(() => {
        log.push({ id, start, end: Date.now() });
        resolve(id);
      }, ms);
    });
}

/** Seeded PRNG so the property test is reproducible. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Governor', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds a window slot until windowMs after the call completes', async () => {
    const governor = new Governor({ maxCalls: 3, maxInFlight: 10, windowMs: 1000 }, clock);
    const log: { id: number; start: number; end: number }[] = [];
    const runs = [0, 1, 2, 3, 4].map((id) => governor.run(timedTask(log, id, 100)));
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(runs);
    const starts = log.sort((x, y) => x.id - y.id).map((entry) => entry.start);
    // Three start at once; the 4th and 5th wait for 100 ms (call) + 1000 ms (window) + 1 ms margin.
    expect(starts).toEqual([0, 0, 0, 1101, 1101]);
  });

  it('keeps at most maxInFlight calls running', async () => {
    const governor = new Governor({ maxCalls: 100, maxInFlight: 2, windowMs: 10 }, clock);
    const log: { id: number; start: number; end: number }[] = [];
    const runs = [0, 1, 2, 3, 4].map((id) => governor.run(timedTask(log, id, 100)));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs);
    expect(log.sort((x, y) => x.id - y.id).map((entry) => entry.start)).toEqual([0, 0, 100, 100, 200]);
  });

  it('serves waiting calls first come, first served', async () => {
    const governor = new Governor({ maxCalls: 1, maxInFlight: 1, windowMs: 50 }, clock);
    const order: number[] = [];
    const runs = [0, 1, 2, 3].map((id) =>
      governor.run(async () => {
        order.push(id);
      }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('uses timers, not polling, while calls wait on the window', async () => {
    const governor = new Governor({ maxCalls: 1, maxInFlight: 1, windowMs: 10_000 }, clock);
    await governor.run(async () => undefined);
    const waiting = governor.run(async () => 'second');
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(governor.snapshot()).toMatchObject({ inFlight: 0, waiting: 1 });
    await vi.advanceTimersByTimeAsync(1);
    await expect(waiting).resolves.toBe('second');
  });

  it('aborts a waiting call and lets the others through', async () => {
    const governor = new Governor({ maxCalls: 1, maxInFlight: 1, windowMs: 100 }, clock);
    const controller = new AbortController();
    const first = governor.run(timedTask([], 0, 10));
    const aborted = governor.run(async () => 'never', controller.signal);
    const third = governor.run(async () => 'third');
    controller.abort(new Error('user cancelled'));
    await expect(aborted).rejects.toThrow('user cancelled');
    expect(governor.snapshot().waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(first).resolves.toBe(0);
    await expect(third).resolves.toBe('third');
    await expect(governor.run(async () => 1, AbortSignal.abort())).rejects.toBeDefined();
  });

  it('releases the slot when a task throws', async () => {
    const governor = new Governor({ maxCalls: 5, maxInFlight: 1, windowMs: 10 }, clock);
    await expect(governor.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(governor.run(async () => 'next')).resolves.toBe('next');
  });

  it('refuses limits beyond Marketo', () => {
    expect(() => new Governor({ maxCalls: 101, maxInFlight: 5, windowMs: 1 })).toThrow(RangeError);
    expect(() => new Governor({ maxCalls: 50, maxInFlight: 11, windowMs: 1 })).toThrow(RangeError);
  });

  it.each([1, 2, 3])(
    'property (seed %i): no window of arrivals exceeds N, in flight never exceeds M',
    async (seed) => {
      const random = mulberry32(seed);
      const limits = { maxCalls: 7, maxInFlight: 3, windowMs: 200 };
      const governor = new Governor(limits, clock);
      const log: { id: number; start: number; end: number }[] = [];
      const runs: Promise<number>[] = [];
      // 60 calls submitted in bursts at random times, each lasting 0-80 ms.
      for (let id = 0; id < 60; id += 1) {
        if (random() < 0.3) await vi.advanceTimersByTimeAsync(Math.floor(random() * 150));
        runs.push(governor.run(timedTask(log, id, Math.floor(random() * 80))));
      }
      await vi.advanceTimersByTimeAsync(60_000);
      await Promise.all(runs);
      expect(log).toHaveLength(60);

      // FIFO: start order follows submission order.
      const byId = [...log].sort((x, y) => x.id - y.id);
      for (let i = 1; i < byId.length; i += 1)
        expect(byId[i]!.start).toBeGreaterThanOrEqual(byId[i - 1]!.start);

      for (const call of log) {
        const t = call.start;
        // In flight at t (a call that ends at t has released its slot by then).
        const inFlight = log.filter((other) => other.start <= t && other.end > t).length;
        expect(inFlight).toBeLessThanOrEqual(limits.maxInFlight);
        // A server may see each call at any moment between its start and its end, so the worst
        // case is every call whose [start, end] touches [t - windowMs, t] landing in one window.
        const couldArriveInWindow = log.filter(
          (other) => other.start <= t && other.end >= t - limits.windowMs,
        ).length;
        expect(couldArriveInWindow).toBeLessThanOrEqual(limits.maxCalls);
      }
    },
  );
});
