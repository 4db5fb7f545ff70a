import {
  callsToMake,
  type DeliveryResult,
  type Interaction,
  type InteractionStep,
  type Outcome,
} from '../../../../shared/interaction';

/** Status colours: delivered green, rejected and uncertain amber, failed red, skipped grey, planned blue. */
export type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

const OUTCOME_CHIPS: Record<Outcome, { label: string; tone: Tone }> = {
  delivered: { label: 'Delivered', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'warning' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'danger' },
  uncertain: { label: 'Uncertain', tone: 'warning' },
  planned: { label: 'Dry run', tone: 'info' },
};

/** The short label and colour of an outcome, as lists and filters show it. */
export function outcomeChip(outcome: Outcome): { label: string; tone: Tone } {
  return OUTCOME_CHIPS[outcome] ?? { label: outcome, tone: 'neutral' };
}

export interface OutcomeView {
  tone: Tone;
  title: string;
  /** One line under the title: the reason, or what happened. */
  summary: string;
  hint: string | null;
  code: string | null;
  warnings: string[];
  /** Shown when nothing went over the wire (rejections, skips, dry runs). */
  noRequests: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function retriesIn(interactions: Interaction[]): number {
  return interactions.filter((i) => i.attempt > 1).length;
}

export function deriveOutcome(result: DeliveryResult): OutcomeView {
  const base = {
    hint: result.hint ?? null,
    code: result.code ?? null,
    warnings: result.warnings ?? [],
    noRequests: result.interactions.length === 0,
  };
  const requests = plural(result.interactions.length, 'request');
  const retries = retriesIn(result.interactions);
  switch (result.outcome) {
    case 'delivered':
      return {
        ...base,
        tone: 'success',
        title: 'Delivered',
        summary:
          result.reason ??
          `Marketo accepted the event: ${requests}${retries > 0 ? `, ${plural(retries, 'retry', 'retries')}` : ''}.`,
      };
    case 'rejected':
      return {
        ...base,
        tone: 'warning',
        title: 'Message Rejected',
        summary: result.reason ?? 'The event cannot be delivered to Marketo as it is.',
      };
    case 'skipped':
      return {
        ...base,
        tone: 'neutral',
        title: 'Skipped',
        summary: result.reason ?? 'The event’s integrations exclude Marketo, so nothing was sent.',
      };
    case 'failed':
      return {
        ...base,
        // Cancelled by the user: nothing reached Marketo, which is not an error of anyone's.
        tone: result.code === 'CANCELLED' ? 'neutral' : 'danger',
        title: result.code === 'CANCELLED' ? 'Cancelled' : 'Failed',
        summary: result.reason ?? `Marketo did not accept the event after ${requests}.`,
      };
    case 'uncertain':
      return {
        ...base,
        tone: 'warning',
        title: 'Uncertain',
        summary:
          result.reason ??
          'Marketo did not confirm the post and reading it back could not tell whether it landed.',
      };
    case 'planned':
      return {
        ...base,
        noRequests: true,
        tone: 'info',
        title: 'Dry run',
        summary:
          result.reason ??
          `${plural(callsToMake(result.plan).length, 'call')} would be made. Nothing was sent.`,
      };
  }
}

const STEP_LABELS: Record<InteractionStep, string> = {
  token: 'Access token',
  'lead-lookup': 'Lead lookup',
  'lead-upsert': 'Lead upsert',
  'activity-post': 'Custom activity post',
  describe: 'Describe lead fields',
  'activity-types': 'Activity types',
  'activity-type-describe': 'Describe activity type',
  usage: 'Daily usage',
  'paging-token': 'Read-back paging token',
  'activity-read': 'Read activities back',
};

const SHORT_STEP_LABELS: Record<InteractionStep, string> = {
  token: 'Token',
  'lead-lookup': 'Lookup',
  'lead-upsert': 'Upsert',
  'activity-post': 'Activity',
  describe: 'Describe',
  'activity-types': 'Types',
  'activity-type-describe': 'Type',
  usage: 'Usage',
  'paging-token': 'Paging',
  'activity-read': 'Read-back',
};

/** For the compact request rail. */
export function shortStepLabel(step: InteractionStep): string {
  return SHORT_STEP_LABELS[step] ?? step;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

export function stepLabel(step: InteractionStep): string {
  return STEP_LABELS[step] ?? step;
}

export interface InteractionSummary {
  tone: Tone;
  /** e.g. "200 OK", "Network error ECONNRESET". */
  status: string;
}

/**
 * A transient failure that was the last try of its call once the send is over: given up, not "will
 * retry". While a send is still running the next attempt may yet come, so it is not given up then.
 */
export function gaveUp(items: Interaction[], index: number, finished: boolean): boolean {
  const item = items[index];
  if (!finished || item?.classification?.kind !== 'transient') return false;
  return !items.slice(index + 1).some((next) => next.step === item.step && next.attempt > item.attempt);
}

/** A Marketo error carried in an HTTP 2xx answer (its code, as "606"), or null. */
export function marketoErrorIn(interaction: Interaction): string | null {
  const { response, classification } = interaction;
  if (!response || response.status >= 300 || !classification) return null;
  return /^\d+$/.test(classification.code) ? classification.code : null;
}

export function summarizeInteraction(
  interaction: Interaction,
  options: { gaveUp?: boolean } = {},
): InteractionSummary {
  const { response, error, classification } = interaction;
  const tone: Tone = classification
    ? classification.kind === 'transient' && !options.gaveUp
      ? 'warning'
      : 'danger'
    : error || (response && response.status >= 400)
      ? 'danger'
      : 'success';
  if (!response) return { tone, status: error ? `No response · ${error.code}` : 'No response' };
  // "200" beside a rate-limit error misleads: the Marketo code is what happened.
  const marketo = marketoErrorIn(interaction);
  return { tone, status: marketo ? `Marketo ${marketo}` : String(response.status) };
}

/** The tone as a word, for screen readers where sighted users see a colour and an icon. */
export function toneWord(tone: Tone): string {
  return { success: 'ok', warning: 'retried', danger: 'failed', neutral: 'skipped', info: 'planned' }[tone];
}

/**
 * Bodies already made pretty, so paging back to a big response does not stringify it again: object
 * bodies by identity (an interaction's body never changes), string bodies by value (a few kept).
 */
const prettyObjects = new WeakMap<object, string>();
const prettyStrings = new Map<string, string>();

function formatBody(body: unknown): string {
  if (typeof body !== 'string') return JSON.stringify(body, null, 2);
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Pretty JSON for display; strings that hold JSON are expanded too. Null when there is no body. */
export function prettyBody(body: unknown): string | null {
  if (body === undefined || body === null || body === '') return null;
  if (typeof body === 'object') {
    const hit = prettyObjects.get(body);
    if (hit !== undefined) return hit;
    const text = formatBody(body);
    prettyObjects.set(body, text);
    return text;
  }
  if (typeof body !== 'string') return formatBody(body);
  const hit = prettyStrings.get(body);
  if (hit !== undefined) return hit;
  const text = formatBody(body);
  prettyStrings.set(body, text);
  if (prettyStrings.size > 6) prettyStrings.delete(prettyStrings.keys().next().value as string);
  return text;
}

/** Query parameters of a request URL, decoded, for a readable table under the URL. */
export function queryParams(url: string): [string, string][] {
  try {
    return [...new URL(url).searchParams.entries()];
  } catch {
    return [];
  }
}

/**
 * A recorded request as the curl a developer would run to repeat it. The headers are the ones
 * recorded, which are already redacted (the bearer token shows as recorded, never in clear).
 */
export function requestCurl(request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const lines = [`curl -X ${request.method} ${quote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers))
    lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  const body = prettyBody(request.body);
  if (body !== null) lines.push(`  -d ${quote(body)}`);
  return lines.join(' \\\n');
}
