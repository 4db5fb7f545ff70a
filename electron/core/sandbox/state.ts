import { ActivityStore } from './activities';
import { DailyCount } from './dailyCount';
import { FaultStore } from './faults';
import { LeadStore } from './leadStore';
import { Limits, type LimitConfig } from './limits';
import { TokenStore } from './tokens';
import type { SandboxStats } from './types';

/** Everything one running sandbox knows: credentials, data, tokens, limits, faults and counters. */
export class SandboxState {
  readonly tokens: TokenStore;
  readonly leads = new LeadStore();
  readonly activities = new ActivityStore();
  readonly limits: Limits;
  readonly faults: FaultStore;
  totalCalls = 0;
  /** REST calls in this quota day (what `stats/usage.json` reports). */
  readonly callsToday = new DailyCount();
  identityCalls = 0;
  faultsInjected = 0;
  byRoute: Record<string, number> = {};

  constructor(
    readonly credentials: { clientId: string; clientSecret: string },
    limits: LimitConfig,
    tokenTtlSeconds: number,
    random: () => number,
    /** types.json without attributes, as Marketo's docs example (SandboxOptions). */
    readonly typesWithoutAttributes = false,
  ) {
    this.tokens = new TokenStore(tokenTtlSeconds);
    this.limits = new Limits(limits);
    this.faults = new FaultStore(random);
  }

  countCall(route: string): void {
    this.totalCalls += 1;
    this.callsToday.add();
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
  }

  stats(): SandboxStats {
    const { peakInWindow, peakInFlight, refused606, refused615, refused607 } = this.limits;
    return {
      totalCalls: this.totalCalls,
      identityCalls: this.identityCalls,
      byRoute: { ...this.byRoute },
      peakInWindow,
      peakInFlight,
      refused606,
      refused615,
      refused607,
      faultsInjected: this.faultsInjected,
    };
  }

  reset(): void {
    this.tokens.clear();
    this.leads.reset();
    this.activities.reset();
    this.limits.reset();
    this.faults.clear();
    this.totalCalls = 0;
    this.callsToday.reset();
    this.identityCalls = 0;
    this.faultsInjected = 0;
    this.byRoute = {};
  }
}
