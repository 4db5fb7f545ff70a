/**
 * Marketo REST client for one target. Every HTTP exchange (token calls and each retry included)
 * becomes one redacted Interaction, published through `onInteraction` as it completes.
 *
 * Retry rules come from the error catalog: 601/602 drop the token and retry once; 606/615 (which
 * Marketo did not process) pause the instance's governor and are retried for at least two windows;
 * other transient codes back off exponentially with full jitter, bounded by settings.retry; a lead
 * lookup refused with 414 is resent as POST with `_method=GET`; everything else is reported as it
 * is. A call marked `once` (the activity post: it has no idempotency key) is never repeated after an
 * answer that leaves it unknown whether Marketo processed it: the caller reads Marketo back first
 * (delivery/exactlyOnce.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Classification, Interaction, InteractionStep } from '../../../shared/interaction';
import type { Result } from '../../../shared/result';
import type { DestinationSettings } from '../../../shared/settings';
import { redactBody, redactText, type SecretSet } from '../redact';
import { classify, lookupCode } from './errorCatalog';
import { msUntilQuotaReset } from './quotaClock';
import { exchange, firstError, withClassification, type ExchangeFailure, type RequestBody } from './exchange';
import type { Governor } from './governor';
import { TokenCache, type IssuedToken } from './tokenCache';

export interface MarketoTarget {
  /** REST base URL, e.g. https://123-ABC-456.mktorest.com (no /rest, no /identity). */
  endpoint: string;
  clientId: string;
  clientSecret: string;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface MarketoClientOptions {
  target: MarketoTarget;
  /** Shared by every client of the same instance. */
  governor: Governor;
  /** Shared by every client of the same instance. */
  tokens: TokenCache;
  retry: DestinationSettings['retry'];
  timeoutMs: number;
  /** Shared by the engine: every secret and token it has seen, removed by value from every record. */
  secrets: SecretSet;
  onInteraction?: (interaction: Interaction) => void;
  signal?: AbortSignal;
  sleep?: Sleep;
  random?: () => number;
}

export interface CallFailure {
  step: InteractionStep;
  code: string;
  message: string;
  title: string;
  classification: Classification;
  /** `record` when Marketo accepted the call but skipped the record. */
  level: 'request' | 'record';
  /** The answer was lost (timeout, reset, 502, 604, 611): Marketo may have processed the call. */
  mayHaveProcessed: boolean;
}

export type CallResult<T> = Result<T, CallFailure>;

/** One page of `GET /rest/v1/activities.json`. */
export interface ActivityPage {
  result: StoredActivity[];
  moreResult: boolean;
  nextPageToken: string | undefined;
}

/** An activity as Marketo lists it; attribute `name` may be the display name. */
export interface StoredActivity {
  id?: number;
  marketoGUID?: string;
  leadId?: number;
  activityDate?: string;
  activityTypeId?: number;
  primaryAttributeValue?: string;
  attributes?: { name?: string; apiName?: string; value?: unknown }[];
}

export interface MarketoLead {
  id: number;
  [field: string]: unknown;
}

export interface RecordResult {
  id?: number;
  marketoGUID?: string;
  status?: string;
  [key: string]: unknown;
}

export const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined);

/** Strips trailing slashes and a trailing /rest or /identity a user may paste. */
export function normalizeEndpoint(endpoint: string): string {
  return endpoint
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/(rest|identity)$/i, '');
}

/** Full-jitter exponential backoff: a random delay up to base * 2^(retry-1), capped. */
export function backoffDelay(retryNumber: number, retry: DestinationSettings['retry'], random: () => number) {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * ceiling);
}

interface CallSpec {
  step: InteractionStep;
  method: 'GET' | 'POST';
  /** Path and query relative to the endpoint. */
  path: string;
  body?: RequestBody;
  /** Check per-record statuses in `result` (writes). */
  records?: boolean;
  /** Per-record statuses are the caller's to read (batches): a skipped record fails only itself. */
  perRecord?: boolean;
  /** Never repeat after an answer that leaves it unknown whether Marketo processed the call. */
  once?: boolean;
  /** The lifecycle's attempt number for the first try (default 1). */
  firstAttempt?: number;
  /** What the call returns from the envelope; `result` (as an array) unless given. */
  select?: (body: Record<string, unknown>) => unknown;
}

/** 606/615 are retried (Marketo did not process them) for at least this many rate windows. */
const RATE_LIMIT_RETRY_WINDOWS = 2;
/** The shortest pause after a 606/615, as a share of the window, so a busy instance is not hammered. */
const MIN_PAUSE_SHARE = 0.1;
const RATE_LIMIT_CODES = new Set(['606', '615', 'HTTP 429']);

class TokenFailure extends Error {
  constructor(readonly failure: ExchangeFailure) {
    super(failure.message);
  }
}

const LEAD_FIELDS = ['id', 'email', 'userId'];
/** Marketo's URI limit (414 past it). */
const MAX_URI_BYTES = 8 * 1024;

export class MarketoClient {
  readonly interactions: Interaction[] = [];
  private readonly endpoint: string;
  private readonly tokenKey: string;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly secrets: SecretSet;

  constructor(private readonly options: MarketoClientOptions) {
    this.endpoint = normalizeEndpoint(options.target.endpoint);
    this.tokenKey = TokenCache.key(this.endpoint, options.target.clientId, options.target.clientSecret);
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.secrets = options.secrets;
    // --- SECURITY: known before the first call, so even a first echo is scrubbed.
    this.secrets.add(options.target.clientSecret, options.target.clientId);
  }

  /** Leads whose `field` equals one of `values` (Marketo: up to 300 values). Not found is an empty list. */
  lookupLeads(
    field: string,
    values: string[],
    fields: string[] = LEAD_FIELDS,
  ): Promise<CallResult<MarketoLead[]>> {
    const query = new URLSearchParams({
      filterType: field,
      filterValues: values.join(','),
      fields: fields.join(','),
    });
    return this.call<MarketoLead[]>({
      step: 'lead-lookup',
      method: 'GET',
      path: `/rest/v1/leads.json?${query.toString()}`,
    });
  }

  upsertLeads(
    input: Record<string, unknown>[],
    lookupField: string,
    action: 'createOrUpdate' | 'createOnly' | 'updateOnly' = 'createOrUpdate',
  ): Promise<CallResult<RecordResult[]>> {
    return this.call<RecordResult[]>({
      step: 'lead-upsert',
      method: 'POST',
      path: '/rest/v1/leads.json',
      body: { kind: 'json', value: { action, lookupField, input } },
      records: true,
    });
  }

  /**
   * Up to 300 custom activities in one post; one result per record, in input order (a skipped
   * record is the caller's to report). Never re-sent by the client after an unknown answer.
   */
  postActivities(
    input: Record<string, unknown>[],
    /** The attempt number the lifecycle shows for this post (a re-post after a read-back is not 1). */
    firstAttempt = 1,
  ): Promise<CallResult<RecordResult[]>> {
    return this.call<RecordResult[]>({
      firstAttempt,
      step: 'activity-post',
      method: 'POST',
      path: '/rest/v1/activities/external.json',
      body: { kind: 'json', value: { input } },
      records: true,
      perRecord: true,
      once: true,
    });
  }

  /** A paging token pointing at `sinceDatetime` (ISO-8601), for reading activities from then on. */
  getPagingToken(sinceDatetime: string): Promise<CallResult<string>> {
    const query = new URLSearchParams({ sinceDatetime });
    return this.call<string>({
      step: 'paging-token',
      method: 'GET',
      path: `/rest/v1/activities/pagingtoken.json?${query.toString()}`,
      select: (body) => (typeof body.nextPageToken === 'string' ? body.nextPageToken : ''),
    });
  }

  /** One page of activities (up to 10 types, 30 leads) after `pageToken`. */
  readActivities(
    pageToken: string,
    activityTypeIds: number[],
    leadIds: number[],
  ): Promise<CallResult<ActivityPage>> {
    const query = new URLSearchParams({
      nextPageToken: pageToken,
      activityTypeIds: activityTypeIds.join(','),
      leadIds: leadIds.join(','),
      batchSize: '300',
    });
    return this.call<ActivityPage>({
      step: 'activity-read',
      method: 'GET',
      path: `/rest/v1/activities.json?${query.toString()}`,
      select: (body) => ({
        result: Array.isArray(body.result) ? (body.result as StoredActivity[]) : [],
        moreResult: body.moreResult === true,
        nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
      }),
    });
  }

  getActivityTypes(): Promise<CallResult<unknown[]>> {
    return this.call<unknown[]>({
      step: 'activity-types',
      method: 'GET',
      path: '/rest/v1/activities/external/types.json',
    });
  }

  describeLeads(): Promise<CallResult<unknown[]>> {
    return this.call<unknown[]>({ step: 'describe', method: 'GET', path: '/rest/v1/leads/describe2.json' });
  }

  /** One custom activity type with its primary attribute and attributes (`draft`: its draft version). */
  describeActivityType(apiName: string, draft = false): Promise<CallResult<unknown[]>> {
    const query = draft ? '?draft=true' : '';
    return this.call<unknown[]>({
      step: 'activity-type-describe',
      method: 'GET',
      path: `/rest/v1/activities/external/type/${encodeURIComponent(apiName)}/describe.json${query}`,
    });
  }

  /** The API calls used today (`stats/usage.json`), for Test connection. */
  getUsage(): Promise<CallResult<unknown[]>> {
    return this.call<unknown[]>({ step: 'usage', method: 'GET', path: '/rest/v1/stats/usage.json' });
  }

  /**
   * A batched lead lookup (up to 300 values). Sent as POST with `_method=GET` from the start when the
   * URL would pass Marketo's 8 KB, so no call is spent on a 414 first.
   */
  lookupLeadsBatch(field: string, values: string[], fields: string[]): Promise<CallResult<MarketoLead[]>> {
    const query = new URLSearchParams({
      filterType: field,
      filterValues: values.join(','),
      fields: fields.join(','),
    });
    const spec: CallSpec = {
      step: 'lead-lookup',
      method: 'GET',
      path: `/rest/v1/leads.json?${query.toString()}`,
    };
    const long = Buffer.byteLength(`${this.endpoint}${spec.path}`) > MAX_URI_BYTES;
    return this.call<MarketoLead[]>(long ? asPostWithMethodGet(spec) : spec);
  }

  /** Up to 300 records in one upsert; one result per record, in order, each the caller's to read. */
  upsertLeadsBatch(
    input: Record<string, unknown>[],
    lookupField: string,
  ): Promise<CallResult<RecordResult[]>> {
    return this.call<RecordResult[]>({
      step: 'lead-upsert',
      method: 'POST',
      path: '/rest/v1/leads.json',
      body: { kind: 'json', value: { action: 'createOrUpdate', lookupField, input } },
      records: true,
      perRecord: true,
    });
  }

  /** --- SECURITY: text from a server (record messages) with every known secret removed. */
  scrub(text: string): string {
    return redactText(this.secrets.scrub(text));
  }

  /**
   * --- SECURITY: a value taken from a server's unredacted answer (an activity read back), redacted
   * as a recorded JSON body is (exchange.ts): by key, then every known secret by value.
   */
  scrubValue(value: unknown): unknown {
    return this.secrets.scrubValue(redactBody(value));
  }

  private publish(interaction: Interaction): void {
    this.interactions.push(interaction);
    this.options.onInteraction?.(interaction);
  }

  private fail<T>(
    step: InteractionStep,
    failure: ExchangeFailure,
    level: CallFailure['level'],
    /** Cancelled mid-exchange: the request may have reached Marketo, whatever the code says. */
    inFlight = false,
  ) {
    const entry = lookupCode(failure.code);
    const result: CallResult<T> = {
      ok: false,
      error: {
        step,
        code: failure.code,
        message: redactText(this.secrets.scrub(failure.message)),
        title: entry.title,
        classification: classify(failure.code),
        level,
        mayHaveProcessed: level === 'request' && (inFlight || entry.mayHaveProcessed === true),
      },
    };
    return result;
  }

  /**
   * Pauses the instance after a 606/615 (the whole queue waits, every delivery to it) and returns
   * the pause. The retry budget counts these pauses, not wall time: time spent queued behind other
   * calls is not time Marketo spent refusing us.
   */
  private backOffForLimit(tries: number): number {
    const { governor } = this.options;
    const { windowMs } = governor.getLimits();
    const pause = Math.max(
      backoffDelay(tries, this.options.retry, this.random),
      Math.ceil(windowMs * MIN_PAUSE_SHARE),
    );
    governor.penalize(pause);
    return pause;
  }

  private async call<T>(spec: CallSpec): Promise<CallResult<T>> {
    const { retry, signal } = this.options;
    let current = spec;
    let attempt = (spec.firstAttempt ?? 1) - 1;
    let backoffs = 0;
    let tokenRefreshed = false;
    let limitedTries = 0;
    let limitedPausedMs = 0;
    for (;;) {
      attempt += 1;
      const sent = await this.attempt(current, attempt);
      if ('outcome' in sent) return sent.outcome as CallResult<T>;
      const { failure, token } = sent;
      // --- Cancelled while the request was on the wire: never retried, and Marketo may have
      // processed it, which the activity post's caller must not report as failed (exactlyOnce.ts).
      if (failure.code === 'ABORTED') return this.fail(spec.step, failure, 'request', true);

      const entry = lookupCode(failure.code);
      if (failure.code === 'HTTP 414' && current.step === 'lead-lookup' && current.method === 'GET') {
        current = asPostWithMethodGet(current);
        continue;
      }
      if (entry.retry === 'refresh-token' && !tokenRefreshed) {
        tokenRefreshed = true;
        this.options.tokens.invalidate(this.tokenKey, token);
        continue;
      }
      if (failure.code === '607') {
        // Daily quota: stop, and refuse further calls to this instance until the reset.
        this.options.governor.quotaExhausted(Date.now() + msUntilQuotaReset(new Date()));
        return this.fail(spec.step, failure, 'request');
      }
      if (RATE_LIMIT_CODES.has(failure.code)) {
        // Not processed by Marketo, so safe to repeat; the governor holds the whole queue meanwhile.
        limitedTries += 1;
        limitedPausedMs += this.backOffForLimit(limitedTries);
        // At least two windows of pauses, and never fewer tries than other transient errors get.
        const { windowMs } = this.options.governor.getLimits();
        if (limitedPausedMs < RATE_LIMIT_RETRY_WINDOWS * windowMs || limitedTries < retry.maxAttempts)
          continue;
        return this.fail(spec.step, failure, 'request');
      }
      // --- An answer that leaves it unknown whether Marketo processed a write without an
      // idempotency key: never repeat it here; the caller reads back first.
      if (entry.mayHaveProcessed && spec.once) return this.fail(spec.step, failure, 'request');
      if (entry.retry === 'backoff' && backoffs + 1 < retry.maxAttempts) {
        backoffs += 1;
        try {
          await this.sleep(backoffDelay(backoffs, retry, this.random), signal);
        } catch {
          return this.fail(
            spec.step,
            { code: 'ABORTED', message: 'Cancelled while waiting to retry' },
            'request',
          );
        }
        continue;
      }
      return this.fail(spec.step, failure, 'request');
    }
  }

  /** One try of a call: the result to return, or the failure (and the token used) to act on. */
  private async attempt(
    current: CallSpec,
    attempt: number,
  ): Promise<{ outcome: CallResult<unknown> } | { failure: ExchangeFailure; token: string }> {
    const { governor, signal } = this.options;
    const quotaUntil = governor.quotaBlockedUntil();
    if (quotaUntil !== undefined) {
      const message = `Daily quota reached (Marketo said so earlier); not sent until ${new Date(quotaUntil).toISOString()}`;
      return { outcome: this.fail(current.step, { code: '607', message }, 'request') };
    }
    let token: string;
    try {
      token = await this.options.tokens.get(this.tokenKey, () => this.issueToken());
    } catch (error) {
      if (error instanceof TokenFailure) return { outcome: this.fail('token', error.failure, 'request') };
      throw error;
    }
    // --- SECURITY: a token in use is a secret even if this client did not issue it.
    this.secrets.add(token);

    let result;
    try {
      // SECURITY: the token travels only in the Authorization header, never in the URL or body.
      result = await governor.run(
        () =>
          exchange({
            step: current.step,
            attempt,
            method: current.method,
            url: `${this.endpoint}${current.path}`,
            headers: { Authorization: `Bearer ${token}` },
            body: current.body,
            timeoutMs: this.options.timeoutMs,
            signal,
            envelope: true,
            secrets: this.secrets,
          }),
        signal,
      );
    } catch {
      const failure = { code: 'ABORTED', message: 'Cancelled while waiting for the rate limit' };
      return { outcome: this.fail(current.step, failure, 'request') };
    }

    let { interaction } = result;
    const failure = result.failure;
    const found = !failure && current.records ? firstSkippedRecord(result.json) : undefined;
    // --- SECURITY: the record's code and message come from the unredacted body: scrub them too.
    const skipped = found && {
      code: this.scrub(found.code).slice(0, 100),
      message: this.scrub(found.message),
    };
    if (skipped) interaction = withClassification(interaction, skipped);
    this.publish(interaction);
    if (skipped && !current.perRecord) return { outcome: this.fail(current.step, skipped, 'record') };
    if (!failure) {
      const body = result.json as Record<string, unknown>;
      const value = current.select ? current.select(body) : Array.isArray(body.result) ? body.result : [];
      return { outcome: { ok: true, value } };
    }
    return { failure, token };
  }

  /** One identity call per attempt; 401 is final, transient failures back off. */
  private async issueToken(): Promise<IssuedToken> {
    const { target, retry, signal } = this.options;
    const query = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: target.clientId,
      client_secret: target.clientSecret,
    });
    for (let attempt = 1; ; attempt += 1) {
      const result = await exchange({
        step: 'token',
        attempt,
        method: 'GET',
        url: `${this.endpoint}/identity/oauth/token?${query.toString()}`,
        headers: {},
        timeoutMs: this.options.timeoutMs,
        signal,
        envelope: false,
        secrets: this.secrets,
      });
      let { interaction } = result;
      let failure = result.failure;
      let issued: IssuedToken | undefined;
      if (!failure) {
        const body = result.json as { access_token?: unknown; expires_in?: unknown; errors?: unknown };
        const expiresIn = Number(body.expires_in);
        if (typeof body.access_token !== 'string' || body.access_token === '') {
          failure = firstError(body.errors) ?? {
            code: 'NON_JSON',
            message: 'The identity answer has no access_token',
          };
        } else if (!(expiresIn > 0)) {
          // Seen in the wild (expires_in: 0): the token is already dead, so ask again.
          failure = {
            code: 'TOKEN_EXPIRED_ON_ISSUE',
            message: `The token came with expires_in ${String(body.expires_in)}`,
          };
        } else {
          issued = { token: body.access_token, expiresInSeconds: expiresIn };
          this.secrets.add(body.access_token);
        }
        if (failure) interaction = withClassification(interaction, failure);
      }
      this.publish(interaction);
      if (issued) return issued;
      const entry = lookupCode(failure!.code);
      if (entry.retry === 'backoff' && attempt < retry.maxAttempts) {
        try {
          await this.sleep(backoffDelay(attempt, retry, this.random), signal);
        } catch {
          throw new TokenFailure({ code: 'ABORTED', message: 'Cancelled while waiting to retry' });
        }
        continue;
      }
      throw new TokenFailure(failure!);
    }
  }
}

function asPostWithMethodGet(spec: CallSpec): CallSpec {
  const [path, query = ''] = spec.path.split('?');
  return { ...spec, method: 'POST', path: `${path}?_method=GET`, body: { kind: 'form', value: query } };
}

/** A write's first record that Marketo skipped: `reasons[]` (leads) or `errors[]` (activities). */
function firstSkippedRecord(json: unknown): ExchangeFailure | undefined {
  const records = (json as { result?: unknown }).result;
  if (!Array.isArray(records)) return undefined;
  for (const record of records as RecordResult[]) {
    if (!record || typeof record !== 'object') continue;
    const problems = record.reasons ?? record.errors;
    if (
      record.status === 'skipped' ||
      (Array.isArray(problems) && problems.length > 0 && record.status === undefined)
    ) {
      return (
        firstError(problems) ?? { code: 'UNKNOWN', message: 'Marketo skipped the record without a reason' }
      );
    }
  }
  return undefined;
}
