import { appendPath } from '../json/path';
import { isRecord } from '../json/value';
import { type CallType, KNOWN_ENVELOPE_FIELDS, KNOWN_FIELDS } from './schemas';
import type { Problem } from './validate';

/**
 * Warnings, not errors (spec §8): things Segment accepts but that will surprise someone downstream.
 * Every function here is pure; `now` is passed in so tests can pin the clock.
 */

export interface LintOptions {
  now?: Date;
}

export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
export const MAX_BATCH_ITEMS = 2500;
/** A timestamp this far ahead of the local clock is "in the future", not clock skew. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Destination display names as Segment's catalog spells them. `integrations` keys must match one
 * exactly; a key that matches only when case and spacing are ignored silently does nothing.
 */
export const DESTINATION_NAMES = [
  'All',
  'Segment.io',
  'Marketo V2',
  'Marketo Static Lists (Actions)',
  'Salesforce',
  'Salesforce Marketing Cloud',
  'Pardot',
  'HubSpot',
  'Amplitude',
  'Mixpanel',
  'Google Analytics',
  'Google Analytics 4',
  'Google Ads (Classic)',
  'Google Tag Manager',
  'Facebook Pixel',
  'Facebook Conversions API',
  'LinkedIn Insight Tag',
  'Intercom',
  'Braze',
  'Customer.io',
  'Iterable',
  'Klaviyo',
  'Mailchimp',
  'Kissmetrics',
  'Heap',
  'FullStory',
  'Hotjar',
  'Optimizely',
  'Zendesk',
  'Vero',
  'Slack',
  'Webhooks',
] as const;

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const SQUASHED_DESTINATIONS = new Map(DESTINATION_NAMES.map((name) => [squash(name), name]));

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/i;

/** Strict RFC 3339 date-time (zero-padded, with a zone), and a real calendar date. */
export function isRfc3339(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [, , , , hour, minute, second] = match.map(Number);
  return hour! <= 23 && minute! <= 59 && second! <= 60 && parseTimestamp(value) !== null;
}

const DATE_PART = /^(\d{4})-(\d{1,2})-(\d{1,2})/;
/** ISO-like, leniently: unpadded fields, a space for T, no seconds, no zone (then UTC). */
const LENIENT =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A real day of the Gregorian calendar (2024-02-30 is not; Date.parse would roll it over to March). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (part: string | undefined, size = 2) => (part ?? '0').padStart(size, '0');

/** Milliseconds since the epoch, or null for text that is not a real date and time. */
export function parseTimestamp(value: string): number | null {
  const date = DATE_PART.exec(value);
  if (date && !isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) return null;
  const m = LENIENT.exec(value.trim());
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(sec ?? 0) > 60) return null;
    const ms = frac ? frac.slice(0, 4).padEnd(4, '0') : '.000';
    const iso = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(sec)}${ms}${zone ? zone.toUpperCase() : 'Z'}`;
    const millis = Date.parse(iso);
    return Number.isNaN(millis) ? null : millis;
  }
  if (date) return null;
  // Other forms Date.parse knows (RFC 2822 and the like) carry their own zone or none at all.
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : millis;
}

/** ISO-8601 in UTC (`2024-02-02T00:30:08.276Z`, whole seconds without `.000`), or null when not a date. */
export function normalizeTimestamp(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const millis = parseTimestamp(value.trim());
  return millis === null ? null : new Date(millis).toISOString().replace(/\.000Z$/, 'Z');
}

const TIMESTAMP_FIELDS = ['timestamp', 'originalTimestamp', 'sentAt', 'receivedAt'] as const;

/**
 * Errors, not warnings: a timestamp that is not a date at all (or a day that does not exist) would
 * be sent as it is or replaced, so Marketo would date the activity wrongly.
 */
export function timestampErrors(event: Record<string, unknown>, path: string): Problem[] {
  const problems: Problem[] = [];
  for (const field of TIMESTAMP_FIELDS) {
    const value = event[field];
    // Only strings: the schema already reports a timestamp of another type.
    if (typeof value !== 'string' || parseTimestamp(value) !== null) continue;
    const noDay = DATE_PART.test(value) && LENIENT.test(value.trim());
    problems.push({
      path: appendPath(path, field),
      message: `is not a date and time (like 2024-02-02T00:30:08.276Z)${noDay ? ': that day does not exist' : ''}`,
    });
  }
  return problems;
}

function lintTimestamp(value: unknown, path: string, now: Date): Problem | null {
  if (typeof value !== 'string') return null;
  const millis = parseTimestamp(value);
  // Not a date at all is an error (timestampErrors), not also a warning here.
  if (millis === null) return null;
  if (!isRfc3339(value))
    return {
      path,
      message: `is not a strict ISO-8601 date-time (like 2024-02-02T00:30:08.276Z); some destinations reject or mis-date it`,
    };
  if (millis > now.getTime() + FUTURE_TOLERANCE_MS)
    return { path, message: 'is in the future; destinations may drop or mis-date the event' };
  return null;
}

type Kind = 'string' | 'number' | 'object' | 'date' | 'id' | 'strings';
const KIND_WORDS: Record<Kind, string> = {
  string: 'a string',
  number: 'a number',
  object: 'an object',
  date: 'an ISO-8601 date string',
  id: 'a string or a number',
  strings: 'an array of strings',
};
const KIND_EXAMPLES: Partial<Record<string, string>> = {
  company: ' (e.g. {"name": "Initech"})',
  address: ' (e.g. {"city": "Eugene", "country": "USA"})',
  revenue: ' (e.g. 19.99)',
};

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'id':
      return typeof value === 'string' || typeof value === 'number';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

const text = (...names: string[]) => Object.fromEntries(names.map((name) => [name, 'string' as const]));

/** Reserved traits and properties with their spec types (spec §4). */
export const USER_TRAITS: Record<string, Kind> = {
  ...text('avatar', 'description', 'email', 'firstName', 'gender', 'lastName', 'name', 'phone', 'title'),
  ...text('username', 'website'),
  address: 'object',
  age: 'number',
  birthday: 'date',
  company: 'object',
  createdAt: 'date',
  id: 'id',
};
export const GROUP_TRAITS: Record<string, Kind> = {
  ...text('avatar', 'description', 'email', 'industry', 'name', 'phone', 'website', 'plan'),
  address: 'object',
  createdAt: 'date',
  // The docs type it as a string, yet every example sends a number.
  employees: 'id',
  id: 'id',
};
export const TRACK_PROPERTIES: Record<string, Kind> = {
  revenue: 'number',
  currency: 'string',
  value: 'number',
};
export const PAGE_PROPERTIES: Record<string, Kind> = {
  ...text('name', 'path', 'referrer', 'search', 'title', 'url'),
  keywords: 'strings',
};

const asObject = (value: unknown): Record<string, unknown> | null => (isRecord(value) ? value : null);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function lintReserved(
  bag: unknown,
  path: string,
  reserved: Record<string, Kind>,
  noun: 'trait' | 'property',
): Problem[] {
  const object = asObject(bag);
  if (!object) return [];
  const problems: Problem[] = [];
  for (const [key, kind] of Object.entries(reserved)) {
    const value = object[key];
    // Sending a reserved trait as null clears it on purpose (spec §4, group).
    if (value === undefined || value === null || hasKind(value, kind)) continue;
    problems.push({
      path: appendPath(path, key),
      message: `is a reserved ${noun} that should be ${KIND_WORDS[kind]}${KIND_EXAMPLES[key] ?? ''}, got ${describe(value)}`,
    });
  }
  return problems;
}

/** `firstName` next to `first_name`: downstream they become two different traits. */
function lintTwins(bag: unknown, path: string): Problem[] {
  const object = asObject(bag);
  if (!object) return [];
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const key of Object.keys(object)) {
    const squashed = key.replace(/[_\-\s]/g, '').toLowerCase();
    const first = seen.get(squashed);
    if (first === undefined) seen.set(squashed, key);
    else
      problems.push({
        path: appendPath(path, key),
        message: `"${first}" and "${key}" are both set; destinations will treat them as two different fields`,
      });
  }
  return problems;
}

function lintIntegrations(integrations: unknown, path: string): Problem[] {
  const object = asObject(integrations);
  if (!object) return [];
  const problems: Problem[] = [];
  for (const key of Object.keys(object)) {
    const known = SQUASHED_DESTINATIONS.get(squash(key));
    if (known && known !== key)
      problems.push({
        path: appendPath(path, key),
        message: `does not exactly match the destination name "${known}"; keys are case-sensitive, so this flag has no effect`,
      });
  }
  return problems;
}

const PLACEHOLDER = /^<[^<>]{1,60}>$/;
const MAX_WALK_DEPTH = 32;

/** Strings like `<Timestamp>` copied from documentation and never filled in. */
function lintPlaceholders(value: unknown, path: string, depth = 0): Problem[] {
  if (typeof value === 'string')
    return PLACEHOLDER.test(value)
      ? [{ path, message: `looks like a placeholder (${JSON.stringify(value)}); put a real value here` }]
      : [];
  if (depth > MAX_WALK_DEPTH || typeof value !== 'object' || value === null) return [];
  const entries: Array<[PropertyKey, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => lintPlaceholders(item, appendPath(path, key), depth + 1));
}

/** Where a stray top-level field probably belongs, by call type. */
function unknownFieldMessage(key: string, type: CallType): string {
  const owners = (Object.keys(KNOWN_FIELDS) as CallType[]).filter((call) => KNOWN_FIELDS[call].includes(key));
  if (owners.length > 0)
    return `is a field of ${owners.join(' and ')} calls, not of ${type}; destinations will ignore it`;
  // Own keys only: a top-level field named "constructor" is not a trait.
  const isTrait = Object.hasOwn(USER_TRAITS, key);
  const bag = type === 'identify' || type === 'group' ? 'traits' : 'properties';
  const hint =
    type === 'alias'
      ? ''
      : isTrait
        ? `; did you mean "${bag === 'traits' ? 'traits' : 'context.traits'}.${key}"?`
        : `; custom data belongs in "${bag}"`;
  return `is not a Segment field, so destinations may ignore it${hint}`;
}

export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
const kilobytes = (bytes: number) => `${Math.ceil(bytes / 102.4) / 10} KB`;

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+/i;

/** Warnings for one event; `event` has its `type` already injected. */
export function lintEvent(
  event: Record<string, unknown>,
  type: CallType,
  path: string,
  options: LintOptions = {},
): Problem[] {
  const now = options.now ?? new Date();
  const problems: Problem[] = [];
  const known = KNOWN_FIELDS[type];
  for (const key of Object.keys(event))
    if (!known.includes(key))
      problems.push({ path: appendPath(path, key), message: unknownFieldMessage(key, type) });

  for (const field of TIMESTAMP_FIELDS) {
    const problem = lintTimestamp(event[field], appendPath(path, field), now);
    if (problem) problems.push(problem);
  }

  const context = asObject(event.context);
  const contextTraitsPath = appendPath(path, 'context', 'traits');
  problems.push(...lintReserved(context?.traits, contextTraitsPath, USER_TRAITS, 'trait'));
  problems.push(...lintTwins(context?.traits, contextTraitsPath));

  const traitsPath = appendPath(path, 'traits');
  const propertiesPath = appendPath(path, 'properties');
  if (type === 'identify') problems.push(...lintReserved(event.traits, traitsPath, USER_TRAITS, 'trait'));
  if (type === 'group') problems.push(...lintReserved(event.traits, traitsPath, GROUP_TRAITS, 'trait'));
  if (type === 'identify' || type === 'group') problems.push(...lintTwins(event.traits, traitsPath));
  if (type === 'track')
    problems.push(...lintReserved(event.properties, propertiesPath, TRACK_PROPERTIES, 'property'));
  if (type === 'page')
    problems.push(...lintReserved(event.properties, propertiesPath, PAGE_PROPERTIES, 'property'));
  if (type === 'track' || type === 'page' || type === 'screen')
    problems.push(...lintTwins(event.properties, propertiesPath));

  const url = asObject(event.properties)?.url;
  if (type === 'page' && typeof url === 'string' && !ABSOLUTE_URL.test(url))
    problems.push({
      path: appendPath(propertiesPath, 'url'),
      message:
        'is not an absolute URL (like https://www.example.com/pricing); Marketo records a page visit only with an absolute url',
    });

  problems.push(...lintIntegrations(event.integrations, appendPath(path, 'integrations')));
  problems.push(...lintPlaceholders(event, path));

  const bytes = utf8Bytes(JSON.stringify(event));
  if (bytes > MAX_MESSAGE_BYTES)
    problems.push({
      path,
      message: `is ${kilobytes(bytes)}; Segment rejects a message over 32 KB`,
    });
  return problems;
}

/** Warnings for a `/v1/batch` envelope itself; its items are linted one by one with lintEvent. */
export function lintEnvelope(envelope: Record<string, unknown>, options: LintOptions = {}): Problem[] {
  const now = options.now ?? new Date();
  const problems: Problem[] = [];
  for (const key of Object.keys(envelope))
    if (!(KNOWN_ENVELOPE_FIELDS as readonly string[]).includes(key))
      problems.push({
        path: appendPath('$', key),
        message: `is not a batch envelope field (batch, context, integrations, writeKey, sentAt); it is ignored`,
      });
  const sentAt = lintTimestamp(envelope.sentAt, '$.sentAt', now);
  if (sentAt) problems.push(sentAt);
  problems.push(...lintIntegrations(envelope.integrations, '$.integrations'));
  const { batch: _batch, ...rest } = envelope;
  problems.push(...lintPlaceholders(rest, '$'));
  if (Array.isArray(envelope.batch) && envelope.batch.length > MAX_BATCH_ITEMS)
    problems.push({
      path: '$.batch',
      message: `holds ${envelope.batch.length} events; Segment takes at most ${MAX_BATCH_ITEMS} per batch`,
    });
  const bytes = utf8Bytes(JSON.stringify(envelope));
  if (bytes > MAX_BATCH_BYTES)
    problems.push({ path: '$', message: `is ${kilobytes(bytes)}; Segment rejects a batch over 500 KB` });
  return problems;
}
