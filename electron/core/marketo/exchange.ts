/**
 * One HTTP exchange with Marketo, turned into one (redacted) Interaction plus what the client
 * needs to decide what happens next: the parsed body and, on failure, a catalog code.
 */
import type { Classification, Interaction, InteractionStep } from '../../../shared/interaction';
import { redactBody, redactHeaders, redactText, redactUrl, type SecretSet } from '../redact';
import { classify } from './errorCatalog';

export type RequestBody = { kind: 'json'; value: unknown } | { kind: 'form'; value: string };

export interface ExchangeRequest {
  step: InteractionStep;
  attempt: number;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: RequestBody;
  timeoutMs: number;
  signal?: AbortSignal;
  /** REST calls answer with the {success, errors, result} envelope; identity does not. */
  envelope: boolean;
  /** Every secret and token the engine knows: removed by value from everything recorded. */
  secrets: SecretSet;
}

export interface ExchangeFailure {
  code: string;
  message: string;
}

export interface ExchangeResult {
  /** Redacted record; the caller may still add a record-level failure before publishing it. */
  interaction: Interaction;
  /** The parsed JSON body, NOT redacted (the token call needs access_token). Never record it. */
  json?: unknown;
  failure?: ExchangeFailure;
}

/** Response bodies larger than this are cut in the record (the whole body is still parsed). */
const MAX_RECORDED_TEXT = 64 * 1024;

export async function exchange(req: ExchangeRequest): Promise<ExchangeResult> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  let bodyText: string | undefined;
  if (req.body?.kind === 'json') {
    headers['Content-Type'] = 'application/json';
    bodyText = JSON.stringify(req.body.value);
  } else if (req.body?.kind === 'form') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    bodyText = req.body.value;
  }

  // --- SECURITY: the record is redacted here, at creation, by key and then by value; nothing
  // unredacted leaves this function except `json`, which the client reads for the token and drops.
  const { secrets } = req;
  const base: Omit<Interaction, 'durationMs' | 'response' | 'error'> = {
    step: req.step,
    attempt: req.attempt,
    startedAt,
    request: {
      method: req.method,
      url: secrets.scrub(redactUrl(req.url)),
      headers: secrets.scrubHeaders(redactHeaders(headers)),
      ...(req.body ? { body: secrets.scrubValue(redactBody(req.body.value)) } : {}),
    },
  };
  const finish = (
    response: Interaction['response'],
    failure: ExchangeFailure | undefined,
    json?: unknown,
  ): ExchangeResult => {
    // The code too: it comes from the server and is echoed into reasons and the store.
    const error = failure
      ? {
          code: redactText(secrets.scrub(failure.code)).slice(0, 100),
          message: redactText(secrets.scrub(failure.message)),
        }
      : null;
    const interaction: Interaction = {
      ...base,
      durationMs: Math.max(0, Math.round(performance.now() - started)),
      response,
      error,
      ...(error ? { classification: classify(error.code) } : {}),
    };
    return { interaction, json, ...(error ? { failure: error } : {}) };
  };

  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let status: number;
  let responseHeaders: Record<string, string>;
  let text: string;
  try {
    // SECURITY: redirects are not followed, so the Authorization header never travels to
    // another origin; a redirect is reported as an error instead.
    const res = await fetch(req.url, {
      method: req.method,
      headers,
      body: bodyText,
      redirect: 'manual',
      signal,
    });
    status = res.status;
    // --- SECURITY: a proxy may echo the Authorization header or the token URL in any header.
    responseHeaders = secrets.scrubHeaders(redactHeaders(Object.fromEntries(res.headers)));
    text = await res.text();
  } catch (error) {
    return finish(null, networkFailure(error, timeout, req));
  }

  let json: unknown;
  let parsed = false;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  // --- SECURITY: bodies are kept as received only after every secret value is gone from them
  // (an error page quoting the request is the usual way a token leaks).
  // Scrubbed before it is cut, so no secret straddles the cut.
  const safeText = secrets.scrub(text);
  const recordedBody = parsed
    ? secrets.scrubValue(redactBody(json))
    : safeText.length > MAX_RECORDED_TEXT
      ? `${safeText.slice(0, MAX_RECORDED_TEXT)}… [${safeText.length - MAX_RECORDED_TEXT} more characters]`
      : safeText;
  const response = { status, headers: responseHeaders, body: recordedBody };

  if (status < 200 || status > 299) {
    const brief = parsed ? secrets.scrub(envelopeMessage(json)) : safeText.trim().slice(0, 200);
    return finish(
      response,
      { code: `HTTP ${status}`, message: `HTTP ${status}${brief ? `: ${brief}` : ''}` },
      parsed ? json : undefined,
    );
  }
  if (!parsed || json === null || typeof json !== 'object') {
    const what =
      text.trim() === '' ? 'an empty body' : `a body that is not JSON: ${safeText.trim().slice(0, 120)}`;
    return finish(response, { code: 'NON_JSON', message: `HTTP ${status} with ${what}` });
  }
  if (req.envelope) {
    const envelope = json as { success?: unknown; errors?: unknown };
    if (envelope.success !== true) {
      const first = firstError(envelope.errors);
      return finish(
        response,
        first ?? { code: 'UNKNOWN', message: 'success was not true and no error code came back' },
        json,
      );
    }
  }
  return finish(response, undefined, json);
}

/** `{code, message}` from an errors/reasons array; codes are quoted strings in Marketo. */
export function firstError(list: unknown): ExchangeFailure | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const item = list[0] as { code?: unknown; message?: unknown } | null;
  if (!item || typeof item !== 'object') return { code: 'UNKNOWN', message: String(item) };
  return { code: String(item.code ?? 'UNKNOWN'), message: String(item.message ?? '') };
}

function envelopeMessage(json: unknown): string {
  if (!json || typeof json !== 'object') return '';
  const record = json as Record<string, unknown>;
  const first = firstError(record.errors);
  if (first) return `${first.code} ${first.message}`;
  if (typeof record.error_description === 'string') return record.error_description;
  if (typeof record.error === 'string') return record.error;
  return '';
}

const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function networkFailure(error: unknown, timeout: AbortSignal, req: ExchangeRequest): ExchangeFailure {
  const name = error instanceof Error ? error.name : '';
  if (req.signal?.aborted) return { code: 'ABORTED', message: 'The request was cancelled' };
  if (timeout.aborted || name === 'TimeoutError') {
    return { code: 'TIMEOUT', message: `No response within ${req.timeoutMs} ms` };
  }
  if (name === 'AbortError') return { code: 'ABORTED', message: 'The request was cancelled' };
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const causeCode = typeof cause?.code === 'string' ? cause.code : '';
  const message = typeof cause?.message === 'string' ? cause.message : String(error);
  if (RESET_CODES.has(causeCode)) return { code: 'ECONNRESET', message: `Connection reset: ${message}` };
  if (causeCode === 'ECONNREFUSED') return { code: 'ECONNREFUSED', message };
  if (causeCode === 'ENOTFOUND' || causeCode === 'EAI_AGAIN') return { code: 'ENOTFOUND', message };
  if (TIMEOUT_CODES.has(causeCode)) return { code: 'TIMEOUT', message };
  return { code: 'NETWORK', message: causeCode ? `${causeCode}: ${message}` : message };
}

export function withClassification(interaction: Interaction, failure: ExchangeFailure): Interaction {
  const classification: Classification = classify(failure.code);
  return { ...interaction, error: failure, classification };
}
