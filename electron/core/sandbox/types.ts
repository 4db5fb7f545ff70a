import type { DestinationSettings } from '../../../shared/settings';

/** Faults the sandbox can inject, as Marketo (or the network) would produce them. */
export type FaultKind =
  | '601' // access token invalid (HTTP 200, success:false)
  | '602' // access token expired
  | '606' // rate limit
  | '615' // concurrency limit
  | '611' // system error
  | '604' // request time-out
  | '608' // API temporarily unavailable (not processed)
  | '719' // lock wait timeout (not processed)
  | '502' // bad gateway as a real HTTP 502 status
  | 'reset' // the TCP connection is destroyed without a response (nothing was processed)
  | 'store-reset' // the call is processed (an activity stored), then the connection is dropped
  | 'delay'; // the response is held back for delayMs, then served normally

/** Which calls a fault applies to. */
export type FaultScope = 'any' | 'identity' | 'leads' | 'activities' | 'activity-reads' | 'activity-describe';

export interface FaultRule {
  kind: FaultKind;
  /** Default 'any' except 601/602 which never apply to identity; 'activities' are the writes and types, 'activity-reads' the two read-back endpoints, 'activity-describe' one type's describe.json. */
  scope?: FaultScope;
  /** Apply to the next `count` matching calls, then stop. */
  count?: number;
  /** Or apply to this share (0..1) of matching calls, until cleared. */
  share?: number;
  /** For 'delay': how long to hold the response. */
  delayMs?: number;
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. Always binds 127.0.0.1. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Marketo's limits; tests shrink the window to stay fast. Defaults 100 calls / 20 000 ms, 10 in flight. */
  rateLimit?: { calls: number; windowMs: number };
  maxConcurrent?: number;
  dailyQuota?: number;
  tokenTtlSeconds?: number;
  /** Random source for `share` faults; tests may pass a seeded one. */
  random?: () => number;
  /**
   * List activity types as Marketo's docs example does, without `primaryAttribute` and
   * `attributes`: only each type's describe.json has them.
   */
  typesWithoutAttributes?: boolean;
}

export interface SandboxStats {
  /** Non-identity REST calls received (including ones refused with 606/615). */
  totalCalls: number;
  identityCalls: number;
  /** Calls per path, e.g. { '/rest/v1/leads.json GET': 3 }. */
  byRoute: Record<string, number>;
  /** The most calls seen in any sliding window of rateLimit.windowMs. */
  peakInWindow: number;
  /** The most calls in flight at once. */
  peakInFlight: number;
  refused606: number;
  refused615: number;
  /** Calls refused because the daily quota was used up. */
  refused607?: number;
  faultsInjected: number;
}

export interface SandboxLead {
  id: number;
  [field: string]: unknown;
}

export interface SandboxActivity {
  id: number;
  marketoGUID: string;
  leadId: number;
  activityTypeId: number;
  activityDate: string;
  primaryAttributeValue: string;
  attributes: { apiName: string; value: unknown }[];
}

export interface Sandbox {
  /** Base URL, e.g. http://127.0.0.1:54321 (identity at /identity, REST at /rest). */
  readonly url: string;
  readonly port: number;
  readonly credentials: { clientId: string; clientSecret: string };
  /** Destination settings that map the seeded activity types. */
  readonly settings: DestinationSettings;
  readonly faults: { add(rule: FaultRule): void; clear(): void; list(): FaultRule[] };
  stats(): SandboxStats;
  leads(): SandboxLead[];
  activities(): SandboxActivity[];
  /** Reset counters, faults, tokens and data to the seed. */
  reset(): void;
  close(): Promise<void>;
}
