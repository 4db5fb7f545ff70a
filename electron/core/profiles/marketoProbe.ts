/**
 * Test connection and "Load from Marketo": read-only REST calls (stats/usage,
 * activities/external/types, leads/describe2, and per type describe.json when types.json left the
 * attributes out) through a client the delivery engine made (delivery/engine.ts `helperClient`), so
 * they take their slots in the instance's shared call budget and reuse its cached token. Nothing is
 * recorded. A failure comes back explained (what happened and what to do, secrets scrubbed by the
 * client) for the profile editor and `event-tester profiles test`.
 */
import type { ConnectionFailure, ConnectionReport } from '../../../shared/profiles';
import { err, ok, type Result } from '../../../shared/result';
import type { CallFailure, CallResult, MarketoClient } from '../marketo/client';
import { lookupCode } from '../marketo/errorCatalog';
import type { ExchangeFailure } from '../marketo/exchange';
import { describeMissingAttributes, type TypeDescriber } from './typeDescribe';

type Step = ConnectionFailure['step'];

/** Node's TLS failures surface as NETWORK with the OpenSSL/undici code in the message. */
const TLS_PATTERN = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_OSSL|HOSTNAME_MISMATCH|ALTNAME/i;

/** Per step, which role permission a 603 points at (Admin > Users & Roles). */
const PERMISSION_FOR_STEP: Record<Step, string> = {
  token: 'the API user itself (is it active, and an API Only user?)',
  usage: '"Read-Only Assets" or "Read-Only Activity"',
  'activity-types': '"Read-Only Activity Metadata"',
  'activity-type-describe': '"Read-Only Activity Metadata"',
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

/** The call's failure as the editor words it; a token failure is the token step's whatever the call was. */
function explainCall(step: Step, failure: CallFailure, timeoutMs: number): ConnectionFailure {
  return explainFailure(failure.step === 'token' ? 'token' : step, failure, timeoutMs);
}

function explained<T>(step: Step, result: CallResult<T>, timeoutMs: number): Result<T, ConnectionFailure> {
  return result.ok ? result : err(explainCall(step, result.error, timeoutMs));
}

/**
 * GET /rest/v1/stats/usage.json (the client fetches a token first unless one is cached): success
 * with today's usage, or the explained failure.
 */
export async function testConnection(
  client: MarketoClient,
  endpoint: string,
  dailyQuota: number,
  timeoutMs: number,
): Promise<ConnectionReport> {
  const started = performance.now();
  const usage = explained('usage', await client.getUsage(), timeoutMs);
  const report = (fields: Pick<ConnectionReport, 'ok' | 'usage' | 'failure'>): ConnectionReport => ({
    endpoint,
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

export interface DescribedInstance {
  /** types.json items, with the attributes describe.json gave where types.json had none. */
  activityTypes: unknown[];
  /** Why a type's attributes are still unknown, by type id (its describe failed or was not made). */
  typeProblems: Map<number, string>;
  leadTypes: unknown[];
}

/**
 * Activity types, then lead fields, then (at most a bounded few, one after another) describe.json
 * for the types that came without attributes. A failed describe is noted on its type and does not
 * fail the load.
 */
export async function describeInstance(
  client: MarketoClient,
  timeoutMs: number,
): Promise<Result<DescribedInstance, ConnectionFailure>> {
  const types = explained('activity-types', await client.getActivityTypes(), timeoutMs);
  if (!types.ok) return types;
  const leads = explained('describe', await client.describeLeads(), timeoutMs);
  if (!leads.ok) return leads;
  const describe: TypeDescriber = async (apiName, draft) => {
    const described = await client.describeActivityType(apiName, draft);
    return described.ok ? described : err(typeNote(described.error, timeoutMs));
  };
  const completed = await describeMissingAttributes(types.value, describe);
  return ok({ activityTypes: completed.types, typeProblems: completed.problems, leadTypes: leads.value });
}

/** Why one type's describe failed, for its note: what to fix, or that trying again may do. */
function typeNote(failure: CallFailure, timeoutMs: number): string {
  const { code, title, message, hint } = explainCall('activity-type-describe', failure, timeoutMs);
  const named = title.includes(code) ? title : `${title} (${code})`;
  // Marketo's message often just repeats the title ("System error").
  const said = message === '' || title.startsWith(message) ? '' : `: ${message}`;
  const next = failure.classification.kind === 'transient' ? 'Load from Marketo again to retry.' : hint;
  return `${named}${said}. ${next}`;
}
