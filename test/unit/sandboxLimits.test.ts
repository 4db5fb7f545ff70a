import { describe, expect, it } from 'vitest';
import { quotaDayOf } from '../../electron/core/marketo/quotaClock';
import { DailyCount } from '../../electron/core/sandbox/dailyCount';
import { FaultStore } from '../../electron/core/sandbox/faults';
import { Limits } from '../../electron/core/sandbox/limits';
import { TokenStore } from '../../electron/core/sandbox/tokens';

// The sandbox's counting logic on a hand-driven clock, where window edges can be placed exactly.

function clock(start = 0) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v) };
}

describe('Limits', () => {
  const config = { calls: 3, windowMs: 1000, maxConcurrent: 2, dailyQuota: 100 };

  it('peakInWindow is the most arrivals in any half-open window (t - windowMs, t]', () => {
    const c = clock();
    const limits = new Limits(config, c.now);
    const arriveAt = (t: number) => {
      c.set(t);
      limits.arrive();
      limits.leave();
    };
    arriveAt(0);
    arriveAt(1000); // exactly one window later: not in the same window
    expect(limits.peakInWindow).toBe(1);
    for (const t of [1400, 1999, 2000, 2001, 2999.5, 4500]) arriveAt(t);
    // (1001, 2001] holds 1400, 1999, 2000 and 2001; no window holds more.
    expect(limits.peakInWindow).toBe(4);
  });

  it('admits up to `calls` per window, refuses the rest without holding slots', () => {
    const c = clock();
    const limits = new Limits(config, c.now);
    const attempt = (t: number) => {
      c.set(t);
      const over = limits.arrive();
      const verdict = limits.admit(over);
      limits.leave();
      return verdict?.code ?? 'ok';
    };
    expect([0, 10, 20, 30, 40].map(attempt)).toEqual(['ok', 'ok', 'ok', '606', '606']);
    expect(attempt(1000)).toBe('ok'); // the call at 0 has left (0, 1000]
    expect(attempt(1005)).toBe('606'); // 10, 20 and 1000 fill (5, 1005]
    expect(attempt(1010.5)).toBe('ok'); // 10 has left
    expect(limits.refused606).toBe(3);
    // Refused calls still count as arrivals: (5, 1005] saw 10, 20, 30, 40, 1000 and 1005.
    expect(limits.peakInWindow).toBe(6);
  });

  it('judges concurrency at arrival and tracks the peak', () => {
    const limits = new Limits(config, clock().now);
    const over = [limits.arrive(), limits.arrive(), limits.arrive()];
    expect(over).toEqual([false, false, true]);
    expect(limits.admit(over[2]!)?.code).toBe('615');
    limits.leave();
    limits.leave();
    expect(limits.arrive()).toBe(false);
    expect(limits.peakInFlight).toBe(3);
    expect(limits.refused615).toBe(1);
  });

  it('refuses with 607 once the daily quota is spent', () => {
    const limits = new Limits({ ...config, calls: 100, dailyQuota: 2 }, clock().now);
    const codes = [0, 1, 2].map(() => {
      const v = limits.admit(limits.arrive());
      limits.leave();
      return v?.code ?? 'ok';
    });
    expect(codes).toEqual(['ok', 'ok', '607']);
  });
});

describe("Marketo's quota day", () => {
  it('is the date in US Central time, whatever the UTC date', () => {
    // 05:59 UTC in January is 23:59 CST the day before; 06:00 UTC is midnight CST.
    expect(quotaDayOf(new Date('2026-01-15T05:59:59Z'))).toBe('2026-01-14');
    expect(quotaDayOf(new Date('2026-01-15T06:00:00Z'))).toBe('2026-01-15');
    // Daylight saving time: midnight CDT is 05:00 UTC.
    expect(quotaDayOf(new Date('2026-07-15T04:59:59Z'))).toBe('2026-07-14');
    expect(quotaDayOf(new Date('2026-07-15T05:00:00Z'))).toBe('2026-07-15');
  });

  it('counts start again at midnight US Central, and 607 lifts then', () => {
    let wall = new Date('2026-01-15T05:59:00Z');
    const count = new DailyCount(() => wall);
    count.add();
    count.add();
    expect([count.today, count.value]).toEqual(['2026-01-14', 2]);
    wall = new Date('2026-01-15T06:00:01Z');
    expect([count.today, count.value]).toEqual(['2026-01-15', 0]);

    wall = new Date('2026-01-15T05:59:00Z');
    const limits = new Limits(
      { calls: 100, windowMs: 1000, maxConcurrent: 2, dailyQuota: 1 },
      clock().now,
      () => wall,
    );
    const attempt = () => {
      const verdict = limits.admit(limits.arrive());
      limits.leave();
      return verdict?.code ?? 'ok';
    };
    expect([attempt(), attempt()]).toEqual(['ok', '607']);
    wall = new Date('2026-01-15T06:00:00Z');
    expect(attempt()).toBe('ok');
  });
});

describe('TokenStore', () => {
  it('counts expires_in down from ttl - 1 and hands out the same token until expiry', () => {
    const c = clock(1_000_000);
    const tokens = new TokenStore(3600, c.now);
    const first = tokens.issue('client');
    expect(first.expiresIn).toBe(3599);
    c.set(1_000_000 + 10_000);
    expect(tokens.issue('client')).toEqual({ accessToken: first.accessToken, expiresIn: 3589 });
    expect(tokens.issue('other').accessToken).not.toBe(first.accessToken);
    c.set(1_000_000 + 3_599_500);
    expect(tokens.issue('client')).toEqual({ accessToken: first.accessToken, expiresIn: 0 });
    expect(tokens.check(first.accessToken)).toBe('valid');
    c.set(1_000_000 + 3_600_000);
    expect(tokens.check(first.accessToken)).toBe('expired');
    const next = tokens.issue('client');
    expect(next.accessToken).not.toBe(first.accessToken);
    expect(tokens.check('made-up')).toBe('unknown');
  });
});

describe('FaultStore', () => {
  it('tries rules in order and only draws randomness for rules in scope', () => {
    const draws: number[] = [];
    const faults = new FaultStore(() => {
      draws.push(0);
      return 0.99;
    });
    faults.add({ kind: '502', scope: 'identity', share: 0.5 });
    faults.add({ kind: '611', scope: 'leads', count: 1 });
    faults.add({ kind: '604' });
    expect(faults.pick('leads')?.kind).toBe('611');
    expect(faults.pick('leads')?.kind).toBe('604');
    expect(draws).toHaveLength(0);
    expect(faults.pick('identity')?.kind).toBe('604'); // the 502 share rule drew 0.99 and passed
    expect(draws).toHaveLength(1);
  });
});
