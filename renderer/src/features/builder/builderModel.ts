/**
 * What the Event Builder shows for a draft and how a form value becomes JSON. Pure: components
 * render `readDraft`'s answer and send every change as one `editDraft(path, value)`, so the text
 * keeps its order and layout and keys the form does not know stay where they are.
 */
import { parseJson } from '../../../../shared/json/parseJson';
import { appendPath, type JsonPath } from '../../../../shared/json/path';
import { isRecord } from '../../../../shared/json/value';
import { readJsonDocument, type JsonDocument } from '../../../../shared/json/document';
import { isRfc3339, parseTimestamp } from '../../../../shared/segment/lint';
import { CALL_TYPES, KNOWN_FIELDS, type CallType } from '../../../../shared/segment/schemas';
import { err, ok, type Result } from '../../../../shared/result';

export type BuilderView =
  | { kind: 'invalid'; reason: string }
  | { kind: 'form'; event: Record<string, unknown>; type: CallType | null; unknownKeys: string[] };

/** The draft as the form sees it, or why the form cannot show it (it never guesses). */
export function readDraft(text: string): BuilderView {
  return viewOfJson(readJsonDocument(text));
}

/**
 * The form's view of the draft as the draft's check already read it (`useDraftStore`'s `json`): no
 * second parse on the main thread, which on a 1 MB draft costs more than a frame per keystroke.
 */
export function viewOfJson(json: JsonDocument): BuilderView {
  // An empty draft is an empty event: the form alone can start one (pick the call type, fill fields).
  if (json.kind === 'empty') return { kind: 'form', event: {}, type: null, unknownKeys: [] };
  if (json.kind === 'unreadable')
    return {
      kind: 'invalid',
      reason: json.duplicateKey
        ? `${json.path}: ${json.message}. Fix it in the JSON tab.`
        : `The JSON cannot be read, so the form cannot show it: ${json.message}. Fix it in the JSON tab.`,
    };
  const value = json.value;
  if (Array.isArray(value))
    return {
      kind: 'invalid',
      reason: 'The draft is an array of events; the form edits one event. Use the JSON tab.',
    };
  if (!isRecord(value))
    return { kind: 'invalid', reason: 'The draft is not a JSON object; the form edits one event.' };
  if (Object.hasOwn(value, 'batch'))
    return {
      kind: 'invalid',
      reason: 'The draft is a batch envelope; the form edits one event. Use the JSON tab.',
    };
  const type =
    typeof value.type === 'string' && (CALL_TYPES as readonly string[]).includes(value.type)
      ? (value.type as CallType)
      : null;
  const known = type ? KNOWN_FIELDS[type] : ['type'];
  return {
    kind: 'form',
    event: value,
    type,
    unknownKeys: Object.keys(value).filter((k) => !known.includes(k)),
  };
}

/** The fields of each call type besides the common ones, with their labels. */
export const CALL_FIELDS: Record<
  CallType,
  ReadonlyArray<{ key: string; label: string; required?: boolean }>
> = {
  track: [{ key: 'event', label: 'Event', required: true }],
  identify: [],
  page: [
    { key: 'name', label: 'Page name' },
    { key: 'category', label: 'Category' },
  ],
  screen: [{ key: 'name', label: 'Screen name' }],
  group: [{ key: 'groupId', label: 'Group id', required: true }],
  alias: [{ key: 'previousId', label: 'Previous id', required: true }],
};

/** Where the call keeps its custom data, if it has any. */
export function bagOf(type: CallType): 'properties' | 'traits' | null {
  if (type === 'identify' || type === 'group') return 'traits';
  return type === 'alias' ? null : 'properties';
}

export const VALUE_KINDS = ['string', 'number', 'boolean', 'date', 'json'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export function kindOf(value: unknown): ValueKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return isRfc3339(value) ? 'date' : 'string';
  return 'json';
}

/** The text an input shows for a value of that kind. */
export function showValue(value: unknown, kind: ValueKind): string {
  if (kind === 'json') return JSON.stringify(value) ?? '';
  return typeof value === 'string' ? value : String(value);
}

/** What the user typed as a value of that kind, or why it is not one. */
export function readValue(raw: string, kind: ValueKind): Result<unknown, string> {
  switch (kind) {
    case 'string':
      return ok(raw);
    case 'number': {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? ok(n) : err('not a number');
    }
    case 'boolean':
      return raw === 'true' || raw === 'false' ? ok(raw === 'true') : err('true or false');
    case 'date':
      return parseTimestamp(raw) !== null ? ok(raw) : err('not a date (like 2026-02-03T04:05:06Z)');
    case 'json': {
      const parsed = parseJson(raw);
      return parsed.ok ? ok(parsed.value.value) : err('not valid JSON');
    }
  }
}

/** A value carried over to another kind, as close as it can be. */
export function convertValue(value: unknown, kind: ValueKind): unknown {
  const text = showValue(value, kindOf(value));
  const read = readValue(text, kind);
  if (read.ok) return read.value;
  return { string: text, number: 0, boolean: false, date: new Date().toISOString(), json: value }[kind];
}

/** The object with one key renamed in place (a rename must not move the key to the end). */
export function renameKey(
  object: Record<string, unknown>,
  from: string,
  to: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object))
    Object.defineProperty(out, key === from ? to : key, {
      value: object[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** The context fields the form edits, by path under `context`. */
export const CONTEXT_FIELDS: ReadonlyArray<{ path: readonly string[]; label: string }> = [
  { path: ['page', 'url'], label: 'Page url' },
  { path: ['page', 'path'], label: 'Page path' },
  { path: ['page', 'title'], label: 'Page title' },
  { path: ['page', 'referrer'], label: 'Referrer' },
  { path: ['userAgent'], label: 'User agent' },
  { path: ['ip'], label: 'IP' },
  { path: ['locale'], label: 'Locale' },
  { path: ['library', 'name'], label: 'Library name' },
  { path: ['library', 'version'], label: 'Library version' },
];

export interface Toggle {
  name: string;
  on: boolean;
  /** Set in the event (otherwise the default applies: All, or true). */
  explicit: boolean;
}

/** All, then Marketo V2, then the rest the event names; an option object counts as on. */
export function integrationToggles(integrations: unknown): Toggle[] {
  const object = isRecord(integrations) ? integrations : {};
  const all = object.All !== false;
  const toggle = (name: string): Toggle => {
    const explicit = Object.hasOwn(object, name);
    const value = explicit ? object[name] : undefined;
    return { name, explicit, on: explicit ? value !== false : name === 'All' || all };
  };
  const rest = Object.keys(object).filter((k) => k !== 'All' && k !== 'Marketo V2');
  return [toggle('All'), toggle('Marketo V2'), ...rest.map(toggle)];
}

/** ISO timestamp as the `datetime-local` input shows it (local time), and back. */
export function toLocalInput(iso: unknown): string {
  const millis = typeof iso === 'string' ? parseTimestamp(iso) : null;
  if (millis === null) return '';
  const d = new Date(millis);
  const local = new Date(millis - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 23);
}
export const fromLocalInput = (value: string): string | null => {
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
};

export function generateId(): string {
  return globalThis.crypto.randomUUID();
}

/** A lint or validation finding as the draft's check reports it (its path printed as `$.a.b`). */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  path: string;
  message: string;
  fix?: string;
}

/**
 * The findings to show beside the field at `path`: those at exactly that path, and with `within`
 * also those inside it (for a section such as integrations, whose keys have no field of their own).
 */
export function findingsAt<F extends Finding>(findings: readonly F[], path: JsonPath, within = false): F[] {
  const at = appendPath('$', ...path);
  return findings.filter(
    (f) => f.path === at || (within && (f.path.startsWith(`${at}.`) || f.path.startsWith(`${at}[`))),
  );
}
