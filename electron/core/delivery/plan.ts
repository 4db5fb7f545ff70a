/**
 * Planning: which Marketo calls one Segment event becomes under one set of destination settings.
 * Pure (no I/O, clock injected), so a dry run shows exactly what a send would do. Values that come
 * from earlier responses appear as placeholders, e.g. `{{leadId}}`. Semantics: design.md, "Marketo
 * delivery semantics"; reference/marketo-api.md §8 (Segment's Marketo V2).
 */
import { callsToMake, type PlannedCall } from '../../../shared/interaction';
import type { SegmentEvent } from '../../../shared/segment/schemas';
import { fromDotPath } from '../../../shared/json/path';
import { isRecord, valueAt } from '../../../shared/json/value';
import { normalizeTimestamp } from '../../../shared/segment/lint';
import type { ActivityMapping, DestinationSettings, LeadLookupRule } from '../../../shared/settings';

export const LEAD_ID_PLACEHOLDER = '{{leadId}}';
export const DESTINATION_NAME = 'Marketo V2';

/** Codes for rejections made before sending (Marketo's own codes are numbers). */
export type RejectCode =
  | 'UNSUPPORTED_CALL'
  | 'ANONYMOUS_NOT_ALLOWED'
  | 'NO_IDENTIFIER'
  | 'UNMAPPED_EVENT'
  | 'MISSING_PRIMARY'
  | 'PAGE_NOT_MAPPED'
  | 'LEAD_NOT_FOUND'
  | 'INVALID_EVENT'
  | 'REQUEST_TOO_LARGE';

export interface LookupCandidate {
  /** Marketo lead field (`filterType`, or `lookupField` for an upsert). */
  field: string;
  value: string;
  /** The event path the value came from. */
  from: string;
}

export interface ActivityInput {
  activityDate: string;
  activityTypeId: number;
  primaryAttributeValue: string;
  attributes: { apiName: string; value: unknown }[];
}

export type PlannedAction =
  | { type: 'upsert'; lookupField: string; record: Record<string, unknown>; candidate: LookupCandidate }
  | {
      type: 'activity';
      /** Set when the lead id is already known (cache): no lookup. */
      leadId?: number;
      /** Tried in order until one finds the lead. */
      lookups: LookupCandidate[];
      /** Create the lead when no lookup finds it (createLeadIfMissing). */
      createLead?: { lookupField: string; record: Record<string, unknown> };
      activity: ActivityInput;
    };

export type Plan =
  | { kind: 'reject'; reason: string; hint: string; code: RejectCode; warnings: string[] }
  | { kind: 'skip'; reason: string; warnings: string[] }
  | {
      kind: 'send';
      /** The calls to make, in order. */
      calls: PlannedCall[];
      /**
       * What a dry run lists: `calls` plus, in their places and marked `skipped` with why, the
       * calls the caches save (the token request, the lead lookups).
       */
      listed: PlannedCall[];
      action: PlannedAction;
      warnings: string[];
    };

export interface PlanCaches {
  /** A lead id already known for this lookup field and value. */
  leadId?(field: string, value: string): number | undefined;
  /** How long ago that lead id was found, in ms: said in the skipped lookup's reason. */
  leadAgeMs?(field: string, value: string): number | undefined;
  /** Whether a valid token is cached (then the token call is listed as skipped). */
  hasToken?: boolean;
  /** How long the cached token stays in use, in ms: said in the skipped token call's reason. */
  tokenValidForMs?: number;
}

export interface PlanOptions {
  /** For activityDate when the event has no timestamp. */
  now?: () => Date;
}

type Json = Record<string, unknown>;

const isObject = isRecord;

/**
 * Value at a dot path (`traits.address.city`); `undefined` when any step is missing. Own properties
 * only: a mapping to "constructor" must not find Object.prototype.constructor.
 */
export function getPath(source: unknown, path: string): unknown {
  return valueAt(source, fromDotPath(path));
}

/** A user-given name in a message: quoted, and cut so a 10 MB name is never echoed whole. */
export function quoteName(name: string, max = 100): string {
  return name.length <= max ? `"${name}"` : `"${name.slice(0, max)}…" (${name.length} characters)`;
}

/** The activity's date: timestamp, else originalTimestamp, else sentAt, in ISO UTC; else now. */
function activityDate(raw: Json, now: () => Date, warnings: string[]): string {
  for (const field of ['timestamp', 'originalTimestamp', 'sentAt']) {
    const normalized = normalizeTimestamp(raw[field]);
    if (normalized === null) continue;
    if (field !== 'timestamp') warnings.push(`The event has no timestamp; activityDate is its ${field}.`);
    return normalized;
  }
  return now().toISOString();
}

/** Marketo refuses a request body over 1 MB (413); refuse it here, before anything is sent. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** The first planned call whose body is over Marketo's 1 MB, with its size; undefined when all fit. */
export function oversizeCall(
  calls: readonly PlannedCall[],
): { call: PlannedCall; bytes: number } | undefined {
  for (const call of calls) {
    if (call.body === undefined) continue;
    const bytes = Buffer.byteLength(JSON.stringify(call.body));
    if (bytes > MAX_REQUEST_BYTES) return { call, bytes };
  }
  return undefined;
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';
const quote = (name: string) => quoteName(name);

export function planDelivery(
  event: SegmentEvent,
  settings: DestinationSettings,
  caches: PlanCaches = {},
  options: PlanOptions = {},
): Plan {
  const warnings: string[] = [];
  const raw = event as unknown as Json;
  const reject = (code: RejectCode, reason: string, hint: string): Plan => ({
    kind: 'reject',
    code,
    reason,
    hint,
    warnings,
  });

  const skip = integrationsSkip(raw.integrations);
  if (skip) return { kind: 'skip', reason: skip, warnings };

  if (event.type === 'screen' || event.type === 'group' || event.type === 'alias') {
    return reject(
      'UNSUPPORTED_CALL',
      `${DESTINATION_NAME} does not take ${event.type} calls.`,
      UNSUPPORTED_HINT[event.type],
    );
  }

  if (!present(raw.userId) && !settings.trackAnonymous) {
    return reject(
      'ANONYMOUS_NOT_ALLOWED',
      `The event has no userId and anonymous tracking is off (trackAnonymous: false), so ${DESTINATION_NAME} rejects it.`,
      'Add a userId to the event, or set trackAnonymous to true in the destination settings.',
    );
  }

  const rules = lookupRules(settings);
  const candidates = lookupCandidates(raw, rules);
  if (candidates.length === 0) {
    const tried = rules.map((rule) => `${rule.field} (from ${rule.from.join(', ')})`).join('; ');
    return reject(
      'NO_IDENTIFIER',
      `The event has no identifier to find the Marketo lead by: tried ${tried}.`,
      'Add an email trait or a userId to the event, or change leadLookup in the settings.',
    );
  }

  const listed: PlannedCall[] = [
    caches.hasToken ? { ...TOKEN_CALL, skipped: tokenSkipped(caches.tokenValidForMs) } : TOKEN_CALL,
  ];
  const send = (action: PlannedAction): Plan => ({
    kind: 'send',
    calls: callsToMake(listed),
    listed,
    warnings,
    action,
  });

  if (event.type === 'identify') {
    const [candidate] = candidates as [LookupCandidate, ...LookupCandidate[]];
    const record = identifyRecord(raw, settings, candidate, warnings);
    listed.push({
      step: 'lead-upsert',
      method: 'POST',
      path: '/rest/v1/leads.json',
      body: { action: 'createOrUpdate', lookupField: candidate.field, input: [record] },
      note: `Create or update the lead, matched on ${candidate.field} = ${candidate.value} (from ${candidate.from}).`,
    });
    return send({ type: 'upsert', lookupField: candidate.field, record, candidate });
  }

  // track or page: a custom activity.
  let mapping: ActivityMapping;
  let props: Json;
  let label: string;
  if (event.type === 'track') {
    const name = event.event;
    // Own keys only: an event named "constructor" or "__proto__" is simply not mapped.
    const found = Object.hasOwn(settings.activities, name) ? settings.activities[name] : undefined;
    if (!found) {
      const mapped = Object.keys(settings.activities);
      const near = mapped.find((key) => key.toLowerCase() === name.toLowerCase());
      return reject(
        'UNMAPPED_EVENT',
        `The track event ${quote(name)} is not mapped to a Marketo custom activity. ` +
          (mapped.length > 0 ? `Mapped events: ${mapped.map(quote).join(', ')}.` : 'No events are mapped.'),
        near
          ? `Event names are case-sensitive: did you mean ${quote(near)}?`
          : 'Add the event under "activities" in the destination settings (activityTypeId, primaryProperty), or send a mapped event.',
      );
    }
    mapping = found;
    props = isObject(raw.properties) ? raw.properties : {};
    label = `event ${quote(name)}`;
  } else {
    if (!settings.page) {
      return reject(
        'PAGE_NOT_MAPPED',
        `${DESTINATION_NAME} sends page calls through Munchkin (visitWebPage) in the browser, not through the REST API, and the settings map pages to no custom activity.`,
        'To deliver page calls here, set "page" in the destination settings to a custom activity (activityTypeId, primaryProperty such as url).',
      );
    }
    mapping = settings.page;
    // Page properties may sit in context.page (analytics.js fills it); explicit properties win.
    const contextPage = isObject(getPath(raw, 'context.page')) ? (getPath(raw, 'context.page') as Json) : {};
    props = {
      ...contextPage,
      ...(present(raw.name) ? { name: raw.name } : {}),
      ...(present(raw.category) ? { category: raw.category } : {}),
      ...(isObject(raw.properties) ? raw.properties : {}),
    };
    label = 'page calls';
  }

  const primary = getPath(props, mapping.primaryProperty);
  if (!present(primary)) {
    return reject(
      'MISSING_PRIMARY',
      `The primary property ${quote(mapping.primaryProperty)} for ${label} is ${primary === '' ? 'empty' : 'missing'}; Marketo needs it as primaryAttributeValue.`,
      `Add properties.${mapping.primaryProperty} to the event, or change primaryProperty in the settings.`,
    );
  }

  const activity: ActivityInput = {
    activityDate: activityDate(raw, options.now ?? (() => new Date()), warnings),
    activityTypeId: mapping.activityTypeId,
    primaryAttributeValue: toText(primary, `properties.${mapping.primaryProperty}`, warnings),
    attributes: activityAttributes(props, mapping, warnings),
  };
  if (event.type === 'track')
    noteUnmapped(
      props,
      [mapping.primaryProperty, ...Object.keys(mapping.attributes)],
      'properties',
      'attributes',
      warnings,
    );

  const [first] = candidates as [LookupCandidate, ...LookupCandidate[]];
  const finding = findLeadCalls(raw, candidates, settings.createLeadIfMissing);
  const cachedId = caches.leadId?.(first.field, first.value);
  if (cachedId !== undefined) {
    const skipped = leadSkipped(cachedId, first, caches.leadAgeMs?.(first.field, first.value));
    listed.push(...finding.calls.map((call) => ({ ...call, skipped })));
    listed.push(
      activityCall(
        activity,
        cachedId,
        `Post the custom activity for lead ${cachedId} (known from an earlier call).`,
      ),
    );
    return send({ type: 'activity', leadId: cachedId, lookups: [], activity });
  }

  listed.push(...finding.calls);
  if (finding.createLead) {
    listed.push(
      activityCall(
        activity,
        LEAD_ID_PLACEHOLDER,
        `Post the custom activity ${mapping.activityTypeId} for that lead.`,
      ),
    );
    return send({ type: 'activity', lookups: [], activity, createLead: finding.createLead });
  }
  listed.push(
    activityCall(
      activity,
      LEAD_ID_PLACEHOLDER,
      `Post the custom activity ${mapping.activityTypeId} for the lead found above.`,
    ),
  );
  return send({ type: 'activity', lookups: candidates, activity });
}

/**
 * The calls that find a track's lead: one createOrUpdate (createLeadIfMissing finds the lead or
 * creates it, with no lookups first: they cost calls and race), else a lookup per candidate.
 */
function findLeadCalls(
  raw: Json,
  candidates: LookupCandidate[],
  createLeadIfMissing: boolean,
): { calls: PlannedCall[]; createLead?: { lookupField: string; record: Record<string, unknown> } } {
  const [first] = candidates as [LookupCandidate, ...LookupCandidate[]];
  if (createLeadIfMissing) {
    const record: Record<string, unknown> = { [first.field]: first.value };
    if (typeof raw.userId === 'string' && raw.userId !== '') record.userId = raw.userId;
    if (typeof raw.anonymousId === 'string' && raw.anonymousId !== '') record.anonymousId = raw.anonymousId;
    const upsert: PlannedCall = {
      step: 'lead-upsert',
      method: 'POST',
      path: '/rest/v1/leads.json',
      body: { action: 'createOrUpdate', lookupField: first.field, input: [record] },
      note: `Find or create the lead by ${first.field} = ${first.value} (createLeadIfMissing: one upsert instead of lookups).`,
    };
    return { calls: [upsert], createLead: { lookupField: first.field, record } };
  }
  const calls = candidates.map((candidate, index): PlannedCall => {
    const query = new URLSearchParams({
      filterType: candidate.field,
      filterValues: candidate.value,
      fields: 'id,email,userId',
    });
    return {
      step: 'lead-lookup',
      method: 'GET',
      path: `/rest/v1/leads.json?${query.toString()}`,
      note:
        index === 0
          ? `Find the lead by ${candidate.field} = ${candidate.value} (from ${candidate.from}).`
          : `Only if no lead was found so far: find it by ${candidate.field} = ${candidate.value} (from ${candidate.from}).`,
    };
  });
  return { calls };
}

/** "52 min", or "under a minute": how long ago a lead was found, how long a token lasts. */
function minutes(ms: number): string {
  return ms < 60_000 ? 'under a minute' : `${Math.floor(ms / 60_000)} min`;
}

function tokenSkipped(validForMs: number | undefined): string {
  return validForMs === undefined
    ? 'Skipped: a cached access token is still valid.'
    : `Skipped: a cached access token is valid for another ${minutes(validForMs)}.`;
}

function leadSkipped(leadId: number, candidate: LookupCandidate, ageMs: number | undefined): string {
  const found = ageMs === undefined ? 'was found earlier' : `was looked up ${minutes(ageMs)} ago`;
  return `Skipped: lead ${leadId} for ${candidate.field} ${candidate.value} ${found} (cached).`;
}

const UNSUPPORTED_HINT: Record<'screen' | 'group' | 'alias', string> = {
  screen:
    'Marketo has no screen views: send a track event for the in-app action instead and map it to a custom activity.',
  group:
    'Marketo leads are people: put company details on an identify call (traits.company) instead of a group call.',
  alias:
    'Marketo matches leads by its own lookup fields: send an identify with the new userId and the email instead.',
};

const TOKEN_CALL: PlannedCall = {
  step: 'token',
  method: 'GET',
  path: '/identity/oauth/token?grant_type=client_credentials&client_id=[REDACTED]&client_secret=[REDACTED]',
  note: 'Get an access token (skipped while a cached one is valid).',
};

function activityCall(activity: ActivityInput, leadId: number | string, note: string): PlannedCall {
  return {
    step: 'activity-post',
    method: 'POST',
    path: '/rest/v1/activities/external.json',
    body: { input: [{ leadId, ...activity }] },
    note,
  };
}

/**
 * Segment's rule: `"Marketo V2": false` turns it off; `"All": false` turns everything off unless
 * `"Marketo V2"` is true or an options object. Keys are exact; a near miss such as "Marketo v2" is
 * reported once, by the validator's lint (shared/segment/lint.ts), not again here.
 */
function integrationsSkip(integrations: unknown): string | undefined {
  if (!isObject(integrations)) return undefined;
  const own = integrations[DESTINATION_NAME];
  if (own === false)
    return `integrations turns ${DESTINATION_NAME} off ("${DESTINATION_NAME}": false), so nothing is sent.`;
  if (own === true || isObject(own)) return undefined;
  if (integrations.All === false) {
    return `integrations has "All": false and does not switch ${DESTINATION_NAME} back on, so nothing is sent.`;
  }
  return undefined;
}

/** The settings' lookup order, plus anonymousId last when anonymous tracking is on. */
function lookupRules(settings: DestinationSettings): LeadLookupRule[] {
  const rules = [...settings.leadLookup];
  if (settings.trackAnonymous && !rules.some((rule) => rule.field === 'anonymousId')) {
    rules.push({ field: 'anonymousId', from: ['anonymousId'] });
  }
  return rules;
}

function lookupCandidates(event: Json, rules: LeadLookupRule[]): LookupCandidate[] {
  const out: LookupCandidate[] = [];
  for (const rule of rules) {
    for (const from of rule.from) {
      const value = getPath(event, from);
      if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') {
        out.push({ field: rule.field, value: String(value).trim(), from });
        break;
      }
    }
  }
  return out;
}

function identifyRecord(
  event: Json,
  settings: DestinationSettings,
  candidate: LookupCandidate,
  warnings: string[],
): Record<string, unknown> {
  const traits = isObject(event.traits)
    ? event.traits
    : isObject(getPath(event, 'context.traits'))
      ? (getPath(event, 'context.traits') as Json)
      : {};
  const record: Record<string, unknown> = {};
  for (const [traitPath, field] of Object.entries(settings.leadFields)) {
    const value = getPath(traits, traitPath);
    if (value === undefined || value === null) continue;
    record[field] =
      isObject(value) || Array.isArray(value) ? toText(value, `traits.${traitPath}`, warnings) : value;
  }
  record[candidate.field] = candidate.value;
  if (typeof event.userId === 'string' && event.userId !== '') record.userId = event.userId;
  if (typeof event.anonymousId === 'string' && event.anonymousId !== '')
    record.anonymousId = event.anonymousId;
  noteUnmapped(traits, Object.keys(settings.leadFields), 'traits', 'leadFields', warnings);
  return record;
}

function activityAttributes(props: Json, mapping: ActivityMapping, warnings: string[]) {
  const attributes: { apiName: string; value: unknown }[] = [];
  for (const [property, apiName] of Object.entries(mapping.attributes)) {
    if (property === mapping.primaryProperty) continue;
    const value = getPath(props, property);
    if (value === undefined || value === null) continue;
    attributes.push({
      apiName,
      value:
        isObject(value) || Array.isArray(value) ? toText(value, `properties.${property}`, warnings) : value,
    });
  }
  return attributes;
}

/** Marketo attribute values are scalars: nested values go as JSON text, with a warning. */
function toText(value: unknown, path: string, warnings: string[]): string {
  if (isObject(value) || Array.isArray(value)) {
    warnings.push(
      `${path} is ${Array.isArray(value) ? 'an array' : 'an object'}; it is sent as JSON text because Marketo fields hold single values.`,
    );
    return JSON.stringify(value);
  }
  return String(value);
}

function noteUnmapped(
  source: Json,
  mappedPaths: string[],
  sourceName: string,
  settingName: string,
  warnings: string[],
) {
  const roots = new Set(mappedPaths.map((path) => path.split('.')[0]));
  const unmapped = Object.keys(source).filter((key) => !roots.has(key));
  if (unmapped.length > 0) {
    warnings.push(
      `Not sent (no mapping in ${settingName}): ${unmapped
        .slice(0, 20)
        .map((key) => `${sourceName}.${key.length > 100 ? `${key.slice(0, 100)}…` : key}`)
        .join(', ')}${unmapped.length > 20 ? ` and ${unmapped.length - 20} more` : ''}.`,
    );
  }
}
