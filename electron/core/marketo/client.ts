/**
 * Marketo REST client for one target. Every HTTP exchange (token calls and each retry included)
 * becomes one redacted Interaction, published through `onInteraction` as it completes.
 *
 * Retry rules come from the error catalog: 601/602 drop the token and retry once; transient codes
 * back off exponentially with full jitter, bounded by settings.retry; a lead lookup refused with
 * 414 is resent as POST with `_method=GET`; everything else is reported as it is.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Classification, Interaction, InteractionStep } from '../../../shared/interaction';
import type { Result } from '../../../shared/result';
import type { DestinationSettings } from '../../../shared/settings';
import { redactText } from '../redact';
import { classify, lookupCode } from './errorCatalog';
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
}

/** The project's Result shape (shared/result.ts) plus the retries whose first attempt may have landed. */
export type CallResult<T> = Result<T, CallFailure> & { ambiguousRetries: string[] };

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
}

class TokenFailure extends Error {
  constructor(readonly failure: ExchangeFailure) {
    super(failure.message);
  }
}

const LEAD_FIELDS = ['id', 'email', 'userId'];

export class MarketoClient {
  readonly interactions: Interaction[] = [];
  private readonly endpoint: string;
  private readonly tokenKey: string;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  /** Every value that must never appear in free text we record. */
  private readonly secrets: string[];

  constructor(private readonly options: MarketoClientOptions) {
    this.endpoint = normalizeEndpoint(options.target.endpoint);
    this.tokenKey = TokenCache.key(this.endpoint, options.target.clientId);
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.secrets = [options.target.clientSecret, options.target.clientId];
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

  postActivities(input: Record<string, unknown>[]): Promise<CallResult<RecordResult[]>> {
    return this.call<RecordResult[]>({
      step: 'activity-post',
      method: 'POST',
      path: '/rest/v1/activities/external.json',
      body: { kind: 'json', value: { input } },
      records: true,
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

  private publish(interaction: Interaction): void {
    this.interactions.push(interaction);
    this.options.onInteraction?.(interaction);
  }

  private fail<T>(
    step: InteractionStep,
    failure: ExchangeFailure,
    level: CallFailure['level'],
    ambiguous: string[],
  ) {
    const entry = lookupCode(failure.code);
    const result: CallResult<T> = {
      ok: false,
      ambiguousRetries: ambiguous,
      error: {
        step,
        code: failure.code,
        message: redactText(failure.message, this.secrets),
        title: entry.title,
        classification: classify(failure.code),
        level,
      },
    };
    return result;
  }

  private async call<T>(spec: CallSpec): Promise<CallResult<T>> {
    const { retry, governor, signal } = this.options;
    const ambiguous: string[] = [];
    let current = spec;
    let attempt = 0;
    let tokenRefreshed = false;
    for (;;) {
      attempt += 1;
      let token: string;
      try {
        token = await this.options.tokens.get(this.tokenKey, () => this.issueToken());
      } catch (error) {
        if (error instanceof TokenFailure) return this.fail('token', error.failure, 'request', ambiguous);
        throw error;
      }

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
              secrets: [...this.secrets, token],
            }),
          signal,
        );
      } catch {
        return this.fail(
          spec.step,
          { code: 'ABORTED', message: 'Cancelled while waiting for the rate limit' },
          'request',
          ambiguous,
        );
      }

      let { interaction } = result;
      let failure = result.failure;
      let level: CallFailure['level'] = 'request';
      if (!failure && current.records) {
        const skipped = firstSkippedRecord(result.json);
        if (skipped) {
          failure = skipped;
          level = 'record';
          interaction = withClassification(interaction, skipped);
        }
      }
      this.publish(interaction);
      if (!failure) {
        const body = result.json as { result?: unknown };
        return {
          ok: true,
          value: (Array.isArray(body.result) ? body.result : []) as T,
          ambiguousRetries: ambiguous,
        };
      }
      if (level === 'record') return this.fail(spec.step, failure, level, ambiguous);

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
      if (entry.retry === 'backoff' && attempt < retry.maxAttempts) {
        if (entry.mayHaveProcessed) ambiguous.push(failure.code);
        try {
          await this.sleep(backoffDelay(attempt, retry, this.random), signal);
        } catch {
          return this.fail(
            spec.step,
            { code: 'ABORTED', message: 'Cancelled while waiting to retry' },
            'request',
            ambiguous,
          );
        }
        continue;
      }
      return this.fail(spec.step, failure, level, ambiguous);
    }
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
          this.secrets.push(body.access_token);
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
