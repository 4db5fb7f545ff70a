/**
 * Test connection and "Load from Marketo": a token, then read-only REST calls (stats/usage,
 * activities/external/types, leads/describe2), one attempt each, no lifecycle recorded. A
 * failure comes back explained (what happened and what to do, secrets scrubbed) for the profile
 * editor and `event-tester profiles test`.
 */
import type { ConnectionFailure, ConnectionReport } from '../../../shared/profiles';
import { err, ok, type Result } from '../../../shared/result';
import { lookupCode } from '../marketo/errorCatalog';
import { redactText } from '../redact';

export interface ProbeTarget {
  endpoint: string;
  clientId: string;
  clientSecret: string;
}

export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

type Step = ConnectionFailure['step'];

export interface ExchangeFailure {
  code: string;
  message: string;
}

/** Node's TLS failures surface as NETWORK with the OpenSSL/undici code in the message. */
const TLS_PATTERN = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_OSSL|HOSTNAME_MISMATCH|ALTNAME/i;

/** Per step, which role permission a 603 points at (Admin > Users & Roles). */
const PERMISSION_FOR_STEP: Record<Step, string> = {
  token: 'the API user itself (is it active, and an API Only user?)',
  usage: '"Read-Only Assets" or "Read-Only Activity"',
  'activity-types': '"Read-Only Activity Metadata"',
  describe: '"Read-Only Lead"',
};

/** What a test-connection failure means and what to do, worded for the profile editor. */
export function explainFailure(step: Step, failure: ExchangeFailure, timeoutMs: number): ConnectionFailure {
  const base = { step, message: failure.message };
  if (failure.code === 'NETWORK' && TLS_PATTERN.test(failure.message)) {
    return {
      ...base,
      code: 'TLS',
      title: 'TLS error',
      hint: 'The server’s certificate was not accepted. Check the URL is your https://<munchkin>.mktorest.com address; behind a proxy that inspects HTTPS, start the app with NODE_EXTRA_CA_CERTS pointing at its CA.',
    };
  }
  if (failure.code === '603') {
    return {
      ...base,
      code: '603',
      title: 'Access denied (603)',
      hint: `The API user's role lacks a permission for this call: give it ${PERMISSION_FOR_STEP[step]} in Admin > Users & Roles. An IP allowlist that blocks this machine also gives 603.`,
    };
  }
  if (failure.code === 'HTTP 401') {
    return {
      ...base,
      code: 'HTTP 401',
      title: 'Bad client credentials (401)',
      hint: 'Marketo refused the client id or secret. Copy both again from Admin > LaunchPoint > your service > View Details, then save the profile and test again.',
    };
  }
  if (failure.code === 'ENOTFOUND') {
    return {
      ...base,
      code: 'ENOTFOUND',
      title: 'Unknown host',
      hint: 'The host name does not resolve. Check the Munchkin id in the REST base URL (Admin > Web Services > REST API), and your network, VPN or DNS.',
    };
  }
  if (failure.code === 'TIMEOUT') {
    return {
      ...base,
      code: 'TIMEOUT',
      title: 'Timed out',
      hint: `No answer within ${Math.round(timeoutMs / 1000)} s. Check the URL, your network, VPN or proxy; raise timeoutMs in the settings if the network is just slow.`,
    };
  }
  const entry = lookupCode(failure.code);
  return { ...base, code: failure.code, title: entry.title, hint: entry.hint };
}

interface Session {
  target: ProbeTarget;
  timeoutMs: number;
  signal?: AbortSignal;
  secrets: string[];
  token?: string;
}

type Answer = Result<{ status: number; json: unknown }, ExchangeFailure>;

/**
 * One GET, answered as parsed JSON or a failure code the explainer knows. Plain fetch rather than
 * the delivery client's exchange: a probe records no lifecycle and must not retry.
 */
async function get(session: Session, url: string, headers: Record<string, string>): Promise<Answer> {
  const timeout = AbortSignal.timeout(session.timeoutMs);
  const signal = session.signal ? AbortSignal.any([session.signal, timeout]) : timeout;
  let res: Response;
  try {
    // SECURITY: no redirects, so neither the token nor the query's secret travels to another origin.
    res = await fetch(url, {
      headers: { Accept: 'application/json', ...headers },
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    return err(networkFailure(error, timeout.aborted));
  }
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text.trim() === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  if (res.status >= 300) {
    const body = json as { error_description?: unknown; errors?: unknown } | null;
    const detail = typeof body?.error_description === 'string' ? `: ${body.error_description}` : '';
    return err({ code: `HTTP ${res.status}`, message: `HTTP ${res.status}${detail}` });
  }
  if (json === null || typeof json !== 'object') {
    return err({ code: 'NON_JSON', message: `HTTP ${res.status} with a body that is not Marketo JSON` });
  }
  return ok({ status: res.status, json });
}

function networkFailure(error: unknown, timedOut: boolean): ExchangeFailure {
  if (timedOut) return { code: 'TIMEOUT', message: 'No response in time' };
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const message = typeof cause?.message === 'string' ? cause.message : String(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { code: 'ENOTFOUND', message };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return { code, message };
  if (/TIMEOUT/.test(code)) return { code: 'TIMEOUT', message };
  return { code: 'NETWORK', message: code ? `${code}: ${message}` : message };
}

async function fetchToken(session: Session): Promise<Result<string, ConnectionFailure>> {
  const { target } = session;
  const query = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: target.clientId,
    client_secret: target.clientSecret,
  });
  const answer = await get(session, `${target.endpoint}/identity/oauth/token?${query.toString()}`, {});
  if (!answer.ok) return err(explain(session, 'token', answer.error));
  const token = (answer.value.json as { access_token?: unknown }).access_token;
  if (typeof token !== 'string' || token === '') {
    return err(
      explain(session, 'token', { code: 'NON_JSON', message: 'The identity answer has no access_token' }),
    );
  }
  session.secrets.push(token);
  return ok(token);
}

async function restGet(
  session: Session,
  step: Step,
  path: string,
): Promise<Result<unknown[], ConnectionFailure>> {
  if (!session.token) {
    const token = await fetchToken(session);
    if (!token.ok) return token;
    session.token = token.value;
  }
  // SECURITY: the token goes in the Authorization header only (reference §1), never in the URL.
  const answer = await get(session, `${session.target.endpoint}${path}`, {
    Authorization: `Bearer ${session.token}`,
  });
  if (!answer.ok) return err(explain(session, step, answer.error));
  const body = answer.value.json as { success?: unknown; errors?: unknown; result?: unknown };
  if (body.success !== true) {
    const first = (Array.isArray(body.errors) ? body.errors[0] : null) as {
      code?: unknown;
      message?: unknown;
    } | null;
    const failure = {
      code: String(first?.code ?? 'UNKNOWN'),
      message: String(first?.message ?? 'success was not true'),
    };
    return err(explain(session, step, failure));
  }
  return ok(Array.isArray(body.result) ? body.result : []);
}

/** The explained failure, with every secret (client id, secret, token) scrubbed from the message. */
function explain(session: Session, step: Step, failure: ExchangeFailure): ConnectionFailure {
  const explained = explainFailure(step, failure, session.timeoutMs);
  return { ...explained, message: redactText(explained.message, session.secrets) };
}

function openSession(target: ProbeTarget, options: ProbeOptions): Session {
  return {
    target,
    timeoutMs: options.timeoutMs ?? 15_000,
    signal: options.signal,
    secrets: [target.clientSecret, target.clientId],
  };
}

/** Token, then GET /rest/v1/stats/usage.json: success with today's usage, or the explained failure. */
export async function testConnection(
  target: ProbeTarget,
  dailyQuota: number,
  options: ProbeOptions = {},
): Promise<ConnectionReport> {
  const started = performance.now();
  const session = openSession(target, options);
  const usage = await restGet(session, 'usage', '/rest/v1/stats/usage.json');
  const report = (fields: Pick<ConnectionReport, 'ok' | 'usage' | 'failure'>): ConnectionReport => ({
    endpoint: target.endpoint,
    testedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    ...fields,
  });
  if (!usage.ok) return report({ ok: false, usage: null, failure: usage.error });
  const today = usage.value[0] as { date?: unknown; total?: unknown } | undefined;
  const total = Number(today?.total ?? 0);
  const used = Number.isFinite(total) ? total : 0;
  return report({
    ok: true,
    failure: null,
    usage: {
      date: typeof today?.date === 'string' ? today.date : new Date().toISOString().slice(0, 10),
      total: used,
      dailyQuota,
      left: Math.max(0, dailyQuota - used),
    },
  });
}

/** One session for the two describe calls, so Load from Marketo costs one token and two calls. */
export async function describeInstance(
  target: ProbeTarget,
  options: ProbeOptions = {},
): Promise<Result<{ activityTypes: unknown[]; leadTypes: unknown[] }, ConnectionFailure>> {
  const session = openSession(target, options);
  const types = await restGet(session, 'activity-types', '/rest/v1/activities/external/types.json');
  if (!types.ok) return types;
  const leads = await restGet(session, 'describe', '/rest/v1/leads/describe2.json');
  if (!leads.ok) return leads;
  return ok({ activityTypes: types.value, leadTypes: leads.value });
}
