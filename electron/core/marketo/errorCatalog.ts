/**
 * Every failure the engine can meet, in one table: Marketo response codes (6xx, 7xx), record codes
 * (1xxx), HTTP statuses and network errors. Each row says whether the engine retries and gives one
 * line a marketer can act on. Facts from reference/marketo-api.md §6.
 */
import type { Classification, ErrorKind } from '../../../shared/interaction';
import { msUntilQuotaReset } from './quotaClock';

/**
 * How the engine reacts:
 * - `backoff`: retry with exponential backoff and jitter, up to settings.retry.maxAttempts.
 * - `refresh-token`: drop the cached token, fetch a new one and retry the call once.
 * - `no`: report it; retrying the same request cannot help.
 */
export type RetryPolicy = 'backoff' | 'refresh-token' | 'no';

export interface CatalogEntry {
  code: string;
  kind: ErrorKind;
  retry: RetryPolicy;
  title: string;
  hint: string;
  /**
   * True when the request may already have been processed although no success came back
   * (timeouts, resets, gateway errors). Retrying a write after one of these can duplicate it.
   */
  mayHaveProcessed?: boolean;
}

type Row = Omit<CatalogEntry, 'code'>;

const t = (title: string, hint: string, extra: Partial<Row> = {}): Row => ({
  kind: 'transient',
  retry: 'backoff',
  title,
  hint,
  ...extra,
});
const a = (title: string, hint: string): Row => ({ kind: 'actionable', retry: 'no', title, hint });
const f = (title: string, hint: string): Row => ({ kind: 'fatal', retry: 'no', title, hint });

const RECORD_HINT_UNUSED = 'This app does not use that Marketo feature; the record was refused as it stands.';

export const ERROR_CATALOG: Readonly<Record<string, Row>> = {
  // Response-level codes (HTTP 200, success:false).
  '600': f(
    'Empty access token',
    'The request went out without a token: this is a bug in the app, please report it.',
  ),
  '601': t('Access token invalid', 'The token was refused; the app fetches a new one and retries once.', {
    retry: 'refresh-token',
  }),
  '602': t('Access token expired', 'The token expired; the app fetches a new one and retries once.', {
    retry: 'refresh-token',
  }),
  '603': a(
    'Access denied',
    "The API user's role lacks a permission, or Marketo's IP allowlist blocks this machine: check Admin > Users & Roles.",
  ),
  '604': t('Request time-out', 'Marketo timed out on its side; the app retries with backoff.', {
    mayHaveProcessed: true,
  }),
  '605': f(
    'HTTP method not supported',
    'The app used the wrong HTTP method for this endpoint: please report it.',
  ),
  '606': t(
    'Rate limit exceeded',
    'More than 100 calls in 20 s hit this Marketo instance (all integrations share it); lower callsPer20s or wait.',
  ),
  '607': a(
    'Daily quota reached',
    "The instance's daily API quota is used up; it resets at 00:00 US Central time. Check Admin > Web Services.",
  ),
  '608': t('API temporarily unavailable', 'Marketo is briefly unavailable; the app retries with backoff.'),
  '609': f(
    'Invalid JSON',
    'Marketo could not parse the request body: this is a bug in the app, please report it.',
  ),
  '610': a(
    'Requested resource not found',
    'The URL does not exist on this instance: check the endpoint is the REST base URL (https://<munchkin>.mktorest.com).',
  ),
  '611': t('System error', 'Marketo hit an internal error; the app retries a few times with backoff.', {
    mayHaveProcessed: true,
  }),
  '612': f(
    'Invalid content type',
    'The request had the wrong Content-Type: this is a bug in the app, please report it.',
  ),
  '613': f(
    'Invalid multipart request',
    'The upload was malformed: this is a bug in the app, please report it.',
  ),
  '614': t(
    'Invalid subscription',
    'Usually a short outage of the subscription; the app retries with backoff.',
  ),
  '615': t(
    'Concurrent access limit reached',
    'More than 10 calls were in flight at this instance (all integrations share it); lower maxInFlight or wait.',
  ),
  '616': a(
    'Invalid subscription type',
    'This Marketo subscription does not include the REST API feature used; ask your Marketo admin or Adobe support.',
  ),
  '701': a(
    'Field cannot be blank',
    'A required value was empty: fill it in the event or the settings mapping.',
  ),
  '702': a(
    'No data found',
    'Marketo found nothing for this search: check the lookup value exists in Marketo.',
  ),
  '703': a(
    'Feature not enabled',
    'This feature is not enabled for the subscription: ask your Marketo admin to enable it.',
  ),
  '704': a('Invalid date format', 'A date was not ISO-8601: use a timestamp like 2026-01-31T12:00:00Z.'),
  '709': a(
    'Business rule violation',
    'Marketo refused the change under one of its rules (e.g. an unapproved asset): check the object in Marketo.',
  ),
  '710': a('Parent folder not found', 'The folder named does not exist: check the folder in Marketo.'),
  '711': a('Incompatible folder type', 'The folder cannot hold this kind of object: pick another folder.'),
  '712': a(
    'Merge not allowed for person account',
    'Leads synced as person accounts cannot be merged here: merge them in the CRM.',
  ),
  '713': t('Transient error', 'Marketo asks to wait and retry; the app retries with backoff.', {
    mayHaveProcessed: true,
  }),
  '714': a(
    'Default record type not found',
    'The CRM has no default record type: ask your CRM admin to set one.',
  ),
  '718': a('External sales person id not found', 'The sales person id is unknown: check it in Marketo.'),
  // Marketo could not take the record lock, so nothing was written: a retry is safe.
  '719': t(
    'Lock wait timeout',
    'Marketo could not lock the record (another process was writing it); the app retries with backoff.',
  ),

  // Record-level codes (result[].reasons or result[].errors): permanent for that record.
  '1001': a(
    'Invalid value',
    "A value has the wrong type for its Marketo field: check the field's type in Marketo.",
  ),
  '1002': a(
    'Missing required value',
    'A required field had no value: map it in the settings or add it to the event.',
  ),
  '1003': a(
    'Invalid data',
    'Marketo refused the data (or too many leads matched the filter): check the values and the lookup field.',
  ),
  '1004': a(
    'Lead not found',
    'No lead has this id or lookup value: send an identify first, or enable createLeadIfMissing in the settings.',
  ),
  '1005': a(
    'Lead already exists',
    'A lead with this key exists and the call only creates: use createOrUpdate.',
  ),
  '1006': a(
    'Field not found',
    "A field or attribute name does not exist in Marketo: fix the API name in the settings (it's case-sensitive).",
  ),
  '1007': a(
    'Multiple leads match',
    'More than one lead has this lookup value: merge the duplicates in Marketo or use a unique lookup field.',
  ),
  '1008': a('Access denied to partition', "The API user cannot write this lead's partition: check its role."),
  '1009': a('Partition name required', 'This instance has several partitions: the settings must name one.'),
  '1010': a('Partition update not allowed', "An existing lead's partition cannot be changed by an upsert."),
  '1011': a(
    'Field not supported',
    'This field cannot be used as a lookup or filter: choose a searchable field (see leads/describe2).',
  ),
  '1012': a(
    'Invalid cookie value',
    'The Munchkin cookie value is malformed: send the cookie exactly as set.',
  ),
  '1013': a(
    'Object not found',
    'The activity type (or another object) is unknown or not approved: check activityTypeId in the settings and approve the type.',
  ),
  '1014': a(
    'Failed to create object',
    'Marketo could not create the object: check the values, then try again.',
  ),
  '1015': a('Lead not in list', RECORD_HINT_UNUSED),
  '1016': a('Too many imports', RECORD_HINT_UNUSED),
  '1017': a('Object already exists', 'An object with this name exists: use a different name.'),
  '1018': a('CRM enabled', 'This operation is blocked while CRM sync is on: make the change in the CRM.'),
  '1019': a('Import in progress', RECORD_HINT_UNUSED),
  '1020': a('Too many clones to program', RECORD_HINT_UNUSED),
  '1021': a(
    'Company update not allowed',
    'Company fields cannot be set through a lead upsert: remove them from leadFields.',
  ),
  '1022': a('Object in use', RECORD_HINT_UNUSED),
  '1025': a('Program status not found', RECORD_HINT_UNUSED),
  '1026': a('Custom object not enabled', RECORD_HINT_UNUSED),
  '1027': a(
    'Max activity type limit reached',
    'The instance already has 10 custom activity types: retire one first.',
  ),
  '1028': a(
    'Max attribute limit reached',
    'A custom activity type allows 20 attributes: map fewer properties.',
  ),
  '1029': a('Too many jobs in queue or export quota exceeded', RECORD_HINT_UNUSED),
  '1035': a('Unsupported filter type', RECORD_HINT_UNUSED),
  '1036': a('Duplicate object found in input', 'The same record appears twice in one call: send it once.'),
  '1037': a('Lead skipped', 'Marketo skipped the lead because of its status: check the lead in Marketo.'),
  '1042': a('Invalid runAt date', RECORD_HINT_UNUSED),
  '1048': a('Custom object discard draft failed', RECORD_HINT_UNUSED),
  '1049': a(
    'Failed to create activity',
    'The attributes are over 65,536 bytes: map fewer or shorter properties to this activity.',
  ),
  '1076': a('Merge with CRM sync failed', 'Merge the leads in the CRM instead.'),
  '1077': a('Merge failed: field length', 'A merged field value is too long: shorten it, then merge.'),
  '1078': a(
    'Merge failed: lead deleted or not CRM-synced',
    'Check the leads exist and are synced, then merge.',
  ),
  '1079': a('Merge failed: request too large', 'Merge fewer leads at once.'),

  // HTTP statuses (Marketo answers 200 except for these).
  'HTTP 3xx': a(
    'Redirected',
    'The endpoint answered with a redirect: use the REST base URL itself (https://<munchkin>.mktorest.com).',
  ),
  'HTTP 401': a(
    'Bad client credentials',
    'Marketo refused the client id or secret: copy them again from Admin > LaunchPoint > View Details.',
  ),
  'HTTP 404': a(
    'Not found',
    'Nothing answers at this URL: check the endpoint is the REST base URL (https://<munchkin>.mktorest.com).',
  ),
  'HTTP 413': a('Request body too large', 'The request is over 1 MB: send fewer or smaller properties.'),
  'HTTP 414': a(
    'URI too long',
    'The request URL is over 8 KB; the app resends lead lookups as POST with _method=GET.',
  ),
  'HTTP 4xx': a(
    'Request refused',
    'The endpoint refused the request: check the endpoint URL and credentials.',
  ),
  'HTTP 429': t(
    'Too many requests',
    'Treated like 606: too many calls in 20 s; the app backs off and retries.',
  ),
  'HTTP 500': f(
    'Internal server error',
    'Marketo failed on this request (a malformed URL does this): check the endpoint; unchanged retries rarely help.',
  ),
  'HTTP 502': t('Bad gateway', "Marketo's gateway failed; the app retries with backoff.", {
    mayHaveProcessed: true,
  }),
  'HTTP 503': t('Service unavailable', 'Marketo is briefly unavailable; the app retries with backoff.'),
  'HTTP 504': t('Gateway timeout', "Marketo's gateway timed out; the app retries with backoff.", {
    mayHaveProcessed: true,
  }),
  'HTTP 5xx': t('Server error', 'The server failed; the app retries with backoff.', {
    mayHaveProcessed: true,
  }),

  // Network and transport.
  ECONNRESET: t(
    'Connection reset',
    'The connection dropped before an answer came; the app retries. Check proxies or VPNs if it persists.',
    { mayHaveProcessed: true },
  ),
  ECONNREFUSED: t(
    'Connection refused',
    'Nothing listens at the endpoint: check the URL (and that the sandbox is running, if you use one).',
  ),
  ENOTFOUND: a(
    'Host not found',
    'The endpoint host name does not resolve: check the Munchkin id in the URL and your network or DNS.',
  ),
  TIMEOUT: t(
    'Timed out',
    'No answer within the timeout; the app retries. Raise timeoutMs in the settings if Marketo is just slow.',
    { mayHaveProcessed: true },
  ),
  ABORTED: f('Cancelled', 'The send was cancelled before it finished; nothing more was sent.'),
  // A delivery's code (not an exchange's) when the user cancelled it; see delivery/outcome.ts.
  CANCELLED: f('Cancelled by the user', 'The send was cancelled; send the event again when you are ready.'),
  NETWORK: t('Network error', 'The request failed on the network; the app retries. Check your connection.', {
    mayHaveProcessed: true,
  }),
  NON_JSON: a(
    'Not a Marketo answer',
    'The endpoint replied with something other than Marketo JSON: check it is the REST base URL (https://<munchkin>.mktorest.com).',
  ),
  TOKEN_EXPIRED_ON_ISSUE: t(
    'Token issued already expired',
    'Marketo handed out a token with no time left; the app asks for a fresh one.',
  ),
};

const UNKNOWN_RESPONSE: Row = f(
  'Unknown Marketo error',
  'Marketo returned a code this app does not know: look it up in Marketo\'s "Error Codes" page.',
);
const UNKNOWN_RECORD: Row = a(
  'Record refused',
  'Marketo refused this record with a code this app does not know: look it up in Marketo\'s "Error Codes" page.',
);

/** A row by code; own keys only, since codes come from the server ("constructor" finds nothing). */
function row(code: string): Row | undefined {
  return Object.hasOwn(ERROR_CATALOG, code) ? ERROR_CATALOG[code] : undefined;
}

/** The table row for a code, falling back to the family (HTTP 4xx/5xx, unknown 6xx/7xx/1xxx). */
export function lookupCode(code: string): CatalogEntry {
  const exact = row(code);
  if (exact) return { code, ...exact };
  const http = /^HTTP (\d)\d\d$/.exec(code);
  if (http) {
    const family = row(`HTTP ${http[1]}xx`);
    if (family) return { code, ...family };
    return { code, ...ERROR_CATALOG['HTTP 4xx']! };
  }
  if (/^1\d\d\d$/.test(code)) return { code, ...UNKNOWN_RECORD };
  return { code, ...UNKNOWN_RESPONSE };
}

export function classify(code: string): Classification {
  const entry = lookupCode(code);
  return { kind: entry.kind, code, hint: entry.hint };
}

/** "606 Rate limit exceeded" style label for reasons. */
export function describeCode(code: string): string {
  return `${code} ${lookupCode(code).title}`;
}

/**
 * When Marketo's daily quota resets: midnight US Central (America/Chicago), as the docs say.
 * Returned as a readable sentence so 607 can say how long to wait.
 */
export function quotaResetNote(now: Date = new Date()): string {
  const left = Math.max(60, Math.round(msUntilQuotaReset(now) / 1000));
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  return `The quota resets at 00:00 US Central time, in about ${hours} h ${minutes} min.`;
}
