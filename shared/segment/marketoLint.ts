/**
 * Lint that predicts what Marketo V2 (as this app delivers it: design.md, "Marketo delivery
 * semantics") would drop, reject or change, given the destination settings and, when loaded, the
 * instance's activity types. Pure; the editor, the Event Builder and `event-tester validate
 * --settings` run the same rules. Severity: error = Marketo or Segment would drop or reject it,
 * warning = it arrives but changed or unusable, info = intentional (excluded by `integrations`).
 */
import type { CatalogActivityType, CatalogAttribute } from '../profiles';
import type { ActivityMapping, DestinationSettings } from '../settings';
import { typeMismatch } from '../settingsLint';
import { appendPath, fromDotPath } from '../json/path';
import { isRecord, valueAt } from '../json/value';

export type Severity = 'error' | 'warning' | 'info';

export const MARKETO_RULES = [
  'excluded-by-integrations',
  'unsupported-call',
  'unmapped-event',
  'page-not-mapped',
  'primary-missing',
  'attribute-type',
  'nested-object',
  'no-identifier',
  'anonymous-only',
  'page-url',
  'page-user-agent',
  'duplicate-message-id',
] as const;
export type MarketoRule = (typeof MARKETO_RULES)[number];

export interface Finding {
  rule: MarketoRule;
  severity: Severity;
  /** Printed JSON path in the event (shared/json/path.ts). */
  path: string;
  message: string;
  /** What to change, in one sentence. */
  fix: string;
}

export interface MarketoLintOptions {
  /** Activity types loaded from Marketo; without them attribute types are not checked. */
  activityTypes?: readonly CatalogActivityType[] | null;
  /** messageIds already used in this batch or suite. */
  seenMessageIds?: ReadonlySet<string>;
  /** Printed path of the event (`$` alone, `$.batch[2]` in a batch). */
  base?: string;
}

export const MARKETO = 'Marketo V2';
const present = (value: unknown) => value !== undefined && value !== null && value !== '';
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+/i;

type Ctx = { event: Record<string, unknown>; at: (...keys: PropertyKey[]) => string; out: Finding[] };
const add = (ctx: Ctx, rule: MarketoRule, severity: Severity, path: string, message: string, fix: string) =>
  void ctx.out.push({ rule, severity, path, message, fix });

/** Findings for one event; an event excluded by `integrations` gets only the info that says so. */
export function lintForMarketo(
  event: unknown,
  settings: DestinationSettings,
  options: MarketoLintOptions = {},
): Finding[] {
  if (!isRecord(event)) return [];
  const base = options.base ?? '$';
  const ctx: Ctx = { event, at: (...keys) => appendPath(base, ...keys), out: [] };
  if (excluded(ctx)) return ctx.out;
  const type = event.type;
  if (type === 'screen' || type === 'group' || type === 'alias') {
    add(
      ctx,
      'unsupported-call',
      'error',
      ctx.at('type'),
      `${MARKETO} does not take ${type} calls`,
      UNSUPPORTED_FIX[type],
    );
  }
  identity(ctx, settings);
  if (type === 'track') trackMapping(ctx, settings, options);
  if (type === 'page') pageChecks(ctx, settings, options);
  duplicateMessageId(ctx, options.seenMessageIds);
  return ctx.out;
}

const UNSUPPORTED_FIX = {
  screen: 'Send a page call (web) or a track call with a mapped event instead.',
  group: 'Put the account on the user: an identify with traits.company, or context.groupId on a track.',
  alias: 'Send an identify with the new userId; Marketo merges leads by email, userId and anonymousId.',
} as const;

/** `integrations` turns Marketo V2 off, or `All: false` without switching it back on. */
function excluded(ctx: Ctx): boolean {
  const integrations = ctx.event.integrations;
  if (!isRecord(integrations)) return false;
  const own = Object.hasOwn(integrations, MARKETO) ? integrations[MARKETO] : undefined;
  const off = own === false || (own === undefined && integrations.All === false);
  if (off)
    add(
      ctx,
      'excluded-by-integrations',
      'info',
      ctx.at('integrations', own === false ? MARKETO : 'All'),
      `integrations excludes ${MARKETO}: nothing is sent to Marketo, on purpose`,
      `Remove the flag (or set "${MARKETO}": true) to deliver it.`,
    );
  return off;
}

function identity(ctx: Ctx, settings: DestinationSettings): void {
  const { event } = ctx;
  if (!present(event.userId) && !settings.trackAnonymous && present(event.anonymousId)) {
    add(
      ctx,
      'anonymous-only',
      'error',
      ctx.at('userId'),
      'the event has only an anonymousId and anonymous tracking is off (trackAnonymous: false): Marketo rejects it',
      'Add a userId, or turn on trackAnonymous in the destination settings.',
    );
    return;
  }
  const rules = [...settings.leadLookup];
  if (settings.trackAnonymous) rules.push({ field: 'anonymousId', from: ['anonymousId'] });
  const found = rules.some((rule) => rule.from.some((from) => usable(valueAt(event, fromDotPath(from)))));
  if (found) return;
  const tried = rules.map((rule) => rule.from.join(' or ')).join(', then ');
  add(
    ctx,
    'no-identifier',
    'error',
    ctx.at(),
    `no identifier to find the Marketo lead by: the lookup order tries ${tried}`,
    'Add traits.email (or context.traits.email) or a userId.',
  );
}

const usable = (value: unknown) =>
  (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';

function trackMapping(ctx: Ctx, settings: DestinationSettings, options: MarketoLintOptions): void {
  const name = ctx.event.event;
  if (typeof name !== 'string') return;
  const mapping = Object.hasOwn(settings.activities, name) ? settings.activities[name] : undefined;
  if (!mapping) {
    const near = nearest(name, Object.keys(settings.activities));
    add(
      ctx,
      'unmapped-event',
      'error',
      ctx.at('event'),
      `"${name}" is not mapped to a Marketo custom activity: it would be rejected`,
      near
        ? `Did you mean "${near}"? Or map "${name}" under activities in the settings.`
        : `Map "${name}" under activities in the destination settings.`,
    );
    return;
  }
  mappedProperties(ctx, mapping, isRecord(ctx.event.properties) ? ctx.event.properties : {}, options);
}

function pageChecks(ctx: Ctx, settings: DestinationSettings, options: MarketoLintOptions): void {
  const { event } = ctx;
  const properties = isRecord(event.properties) ? event.properties : {};
  const contextPage = valueAt(event, ['context', 'page']);
  const url = Object.hasOwn(properties, 'url') ? properties.url : valueAt(contextPage, ['url']);
  if (typeof url !== 'string' || !ABSOLUTE_URL.test(url))
    add(
      ctx,
      'page-url',
      'error',
      ctx.at('properties', 'url'),
      `a page needs an absolute url (like https://www.example.com/pricing), got ${url === undefined ? 'none' : JSON.stringify(url)}: Marketo records no visit`,
      'Set properties.url to the full address of the page.',
    );
  if (!present(valueAt(event, ['context', 'userAgent'])))
    add(
      ctx,
      'page-user-agent',
      'warning',
      ctx.at('context', 'userAgent'),
      "no context.userAgent: Marketo's visitWebPage needs it, and server-side senders must set it",
      'Set context.userAgent to the browser user agent of the visit.',
    );
  if (!settings.page) {
    add(
      ctx,
      'page-not-mapped',
      'error',
      ctx.at('type'),
      'the settings map page calls to no custom activity, so the REST delivery rejects them',
      'Set "page" in the destination settings (activityTypeId, primaryProperty such as url).',
    );
    return;
  }
  const merged = {
    ...(isRecord(contextPage) ? contextPage : {}),
    ...pick(event, ['name', 'category']),
    ...properties,
  };
  mappedProperties(ctx, settings.page, merged, options);
}

const pick = (event: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => present(event[k])).map((k) => [k, event[k]]));

/** The primary property, and every mapped property: its type against the attribute, nested values. */
function mappedProperties(
  ctx: Ctx,
  mapping: ActivityMapping,
  properties: Record<string, unknown>,
  options: MarketoLintOptions,
): void {
  const type = options.activityTypes?.find((t) => t.id === mapping.activityTypeId);
  const primary = valueAt(properties, fromDotPath(mapping.primaryProperty));
  const primaryPath = ctx.at('properties', ...fromDotPath(mapping.primaryProperty));
  if (!present(primary))
    add(
      ctx,
      'primary-missing',
      'error',
      primaryPath,
      `the primary property "${mapping.primaryProperty}" is ${primary === '' ? 'empty' : 'missing'}: Marketo needs it as primaryAttributeValue`,
      `Set properties.${mapping.primaryProperty}.`,
    );
  else checkValue(ctx, primaryPath, primary, type?.primaryAttribute ?? null);
  const attributes = new Map((type?.attributes ?? []).map((a) => [a.apiName, a]));
  for (const [property, apiName] of Object.entries(mapping.attributes)) {
    if (property === mapping.primaryProperty) continue;
    const value = valueAt(properties, fromDotPath(property));
    if (value === undefined || value === null) continue;
    checkValue(
      ctx,
      ctx.at('properties', ...fromDotPath(property)),
      value,
      attributes.get(apiName) ?? null,
      apiName,
    );
  }
}

function checkValue(
  ctx: Ctx,
  path: string,
  value: unknown,
  attribute: CatalogAttribute | null,
  apiName?: string,
): void {
  if (typeof value === 'object' && value !== null) {
    add(
      ctx,
      'nested-object',
      'warning',
      path,
      `is ${Array.isArray(value) ? 'an array' : 'an object'} mapped to the attribute "${attribute?.apiName ?? apiName ?? 'primary'}": Marketo fields hold single values, so it arrives as JSON text`,
      'Flatten it: map each nested value as its own property.',
    );
    return;
  }
  const mismatch = attribute ? typeMismatch(value, attribute) : null;
  // An error: Marketo skips a record whose attribute cannot take the value (the event is dropped).
  if (mismatch)
    add(
      ctx,
      'attribute-type',
      'error',
      path,
      mismatch.replace("The sample's ", ''),
      `Send a ${attribute!.dataType} value.`,
    );
}

function duplicateMessageId(ctx: Ctx, seen: ReadonlySet<string> | undefined): void {
  const id = ctx.event.messageId;
  if (typeof id === 'string' && seen?.has(id))
    add(
      ctx,
      'duplicate-message-id',
      'error',
      ctx.at('messageId'),
      `the messageId "${id}" is used again in this batch or suite: Segment drops the duplicate silently`,
      'Give every event its own messageId (or leave it out and let the library set one).',
    );
}

/** Findings for several events (a batch or a suite): messageIds are tracked across them. */
export function lintManyForMarketo(
  events: ReadonlyArray<{ event: unknown; base: string }>,
  settings: DestinationSettings,
  options: Omit<MarketoLintOptions, 'seenMessageIds' | 'base'> = {},
): Finding[] {
  const seen = new Set<string>();
  return events.flatMap(({ event, base }) => {
    const findings = lintForMarketo(event, settings, { ...options, base, seenMessageIds: seen });
    const id = isRecord(event) ? event.messageId : undefined;
    if (typeof id === 'string') seen.add(id);
    return findings;
  });
}

/** The mapped name closest to `name` (case, a typo, a word), or null when none is close. */
export function nearest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
