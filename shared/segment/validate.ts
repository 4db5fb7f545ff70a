import type { Result } from '../result';
import type { z } from 'zod';
import { MAX_JSON_DEPTH, parseJson, valueDepthExceeds } from '../json/parseJson';
import { lintEnvelope, lintEvent, timestampErrors } from './lint';
import { appendPath } from '../json/path';
import { isRecord, valueAt } from '../json/value';
import {
  BatchEnvelopeSchema,
  CALL_SCHEMAS,
  CALL_TYPES,
  type CallType,
  type Context,
  type Integrations,
  type SegmentEvent,
} from './schemas';

/**
 * Checks Segment documents (one event, an array of events, or a `/v1/batch` envelope) and explains
 * each problem in a plain sentence at a JSONPath-like location. Used by the editor, the CLI
 * `validate` and `send` commands, and main before it delivers.
 */

export interface Problem {
  path: string;
  message: string;
}

export interface DocumentCheck {
  valid: boolean;
  errors: Problem[];
  warnings: Problem[];
  /** Normalized events (type injected, batch envelope context/integrations merged); empty if invalid. */
  events: SegmentEvent[];
}

export interface CheckOptions {
  /** The call type for bodies without `type`, as the HTTP endpoint they are posted to would set it. */
  impliedType?: CallType;
  /** The clock for the "timestamp in the future" warning. */
  now?: Date;
  /**
   * A body without `type` is an error instead of being inferred. The app's editor drafts complete
   * events and its JSON Schema requires `type`, so the problems list and the editor agree.
   */
  requireType?: boolean;
}

type ParseResult = Result<unknown, Problem & { line: number; column: number }>;

/**
 * Parses JSON a person wrote, with the first problem located: a syntax error, nesting deeper than
 * MAX_JSON_DEPTH, or a key given twice (JSON.parse would keep the last one silently).
 */
export function parseJsonText(text: string): ParseResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const duplicate = parsed.value.problems.find((p) => p.message.startsWith('the key '));
  if (duplicate) return { ok: false, error: duplicate };
  return { ok: true, value: parsed.value.value };
}

/** "got ..." in messages: what the user wrote, in words. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

// Looked up with Object.hasOwn: the keys come from issues, which name the user's own fields.
const EXPECTED: Record<string, string> = {
  string: 'a string (text in double quotes)',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

/** Why a required field matters, where a bare "is required" says too little. */
const NEEDED: Record<string, string> = {
  event: 'a track needs the name of the action, e.g. "Webinar Registered"',
  groupId: 'a group needs the id of the account or company',
  previousId: 'an alias needs the old id of the user (its anonymousId or previous userId)',
  userId: 'an alias needs the new id of the user',
};

const needed = (field: string) => (Object.hasOwn(NEEDED, field) ? NEEDED[field] : undefined);

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const actual = valueAt(input, issue.path as readonly (string | number)[]);
  const field = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return needed(field) ? `is required: ${needed(field)}` : 'is required';
      return `must be ${Object.hasOwn(EXPECTED, issue.expected) ? EXPECTED[issue.expected] : issue.expected}, got ${describeValue(actual)}`;
    case 'too_big':
      if (issue.origin === 'string' && typeof actual === 'string')
        return `must be at most ${issue.maximum} characters, got ${actual.length}${
          field === 'messageId' ? ' (Segment deduplicates on it and rejects longer ids)' : ''
        }`;
      return `is too big: at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string')
        return needed(field) ? `must not be empty: ${needed(field)}` : 'must not be empty';
      return `is too small: at least ${issue.minimum}`;
    case 'invalid_union':
      return `${issue.message}, got ${describeValue(actual)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(actual)}`;
    default:
      return issue.message;
  }
}

function issuesToProblems(error: z.ZodError, input: unknown, base: string): Problem[] {
  return error.issues.map((issue) => ({
    path: appendPath(base, ...issue.path),
    message: describeIssue(issue, input),
  }));
}

const TYPE_LIST = CALL_TYPES.join(', ');

/** What a body without `type` most likely is, in the order the HTTP API endpoints would disagree least. */
const INFERENCE: ReadonlyArray<[field: string, type: CallType]> = [
  ['event', 'track'],
  ['previousId', 'alias'],
  ['groupId', 'group'],
  ['traits', 'identify'],
];

interface Envelope {
  context?: Context;
  integrations?: Integrations;
}

interface Collected {
  errors: Problem[];
  warnings: Problem[];
  events: SegmentEvent[];
}

function resolveType(
  raw: Record<string, unknown>,
  path: string,
  options: CheckOptions,
  out: Collected,
): CallType | null {
  const typePath = appendPath(path, 'type');
  const declared = raw.type;
  if (declared === undefined) {
    if (options.impliedType) return options.impliedType;
    const inferred = INFERENCE.find(([field]) => raw[field] !== undefined);
    if (inferred && options.requireType) {
      const [field, type] = inferred;
      out.errors.push({
        path: typePath,
        message: `is required: add "type": "${type}" (this body has "${field}"), or another of ${TYPE_LIST}`,
      });
      return null;
    }
    if (inferred) {
      const [field, type] = inferred;
      out.warnings.push({
        path: typePath,
        message: `no "type"; treated as ${type} because it has "${field}" (HTTP API bodies take the type from the endpoint)`,
      });
      return type;
    }
    out.errors.push({
      path: typePath,
      message: `is missing and the call cannot be inferred: add "type", one of ${TYPE_LIST}`,
    });
    return null;
  }
  if (typeof declared !== 'string' || !(CALL_TYPES as readonly string[]).includes(declared)) {
    const got = typeof declared === 'string' ? `"${declared}"` : describeValue(declared);
    out.errors.push({ path: typePath, message: `must be one of ${TYPE_LIST}, got ${got}` });
    return null;
  }
  const type = declared as CallType;
  if (options.impliedType && options.impliedType !== type)
    out.warnings.push({
      path: typePath,
      message: `says "${type}" but the body is posted as ${options.impliedType}; "${type}" is used`,
    });
  return type;
}

function checkItem(raw: unknown, path: string, options: CheckOptions, envelope: Envelope, out: Collected) {
  if (!isRecord(raw)) {
    out.errors.push({ path, message: `must be an event (a JSON object), got ${describeValue(raw)}` });
    return;
  }
  const type = resolveType(raw, path, options, out);
  if (!type) return;
  const input = { ...raw, type };
  out.errors.push(...timestampErrors(input, path));
  out.warnings.push(...lintEvent(input, type, path, options));
  const parsed = CALL_SCHEMAS[type].safeParse(input);
  if (!parsed.success) {
    out.errors.push(...issuesToProblems(parsed.error, input, path));
    return;
  }
  const event = { ...parsed.data } as SegmentEvent;
  // Segment merges the envelope's context and integrations into every item; the item wins.
  if (envelope.context) event.context = { ...envelope.context, ...event.context };
  if (envelope.integrations) event.integrations = { ...envelope.integrations, ...event.integrations };
  out.events.push(event);
}

export function checkDocument(value: unknown, options: CheckOptions = {}): DocumentCheck {
  const out: Collected = { errors: [], warnings: [], events: [] };
  // Before anything recursive (lint, zod, JSON.stringify) meets a value from IPC or a file.
  if (valueDepthExceeds(value, MAX_JSON_DEPTH)) {
    out.errors.push({
      path: '$',
      message: `is nested deeper than ${MAX_JSON_DEPTH} levels: flatten the data`,
    });
    return { valid: false, errors: out.errors, warnings: [], events: [] };
  }
  numberProblems(value, '$', out);
  if (Array.isArray(value)) {
    if (value.length === 0) out.warnings.push({ path: '$', message: 'the array holds no events' });
    value.forEach((item, index) => checkItem(item, `$[${index}]`, options, {}, out));
  } else if (isRecord(value) && 'batch' in value) {
    const { batch, ...rest } = value;
    const envelopeFields = BatchEnvelopeSchema.omit({ batch: true }).safeParse(rest);
    if (!envelopeFields.success) out.errors.push(...issuesToProblems(envelopeFields.error, rest, '$'));
    out.errors.push(...timestampErrors({ sentAt: value.sentAt }, '$'));
    out.warnings.push(...lintEnvelope(value, options));
    if (!Array.isArray(batch)) {
      out.errors.push({
        path: '$.batch',
        message: `must be an array of events, got ${describeValue(batch)}`,
      });
    } else {
      if (batch.length === 0) out.warnings.push({ path: '$.batch', message: 'the batch holds no events' });
      const envelope: Envelope = envelopeFields.success ? envelopeFields.data : {};
      batch.forEach((item, index) => checkItem(item, `$.batch[${index}]`, options, envelope, out));
    }
  } else if (isRecord(value)) {
    checkItem(value, '$', options, {}, out);
  } else {
    out.errors.push({
      path: '$',
      message: `must be one event (a JSON object), an array of events or a batch envelope {"batch": [...]}, got ${describeValue(value)}`,
    });
  }
  const valid = out.errors.length === 0;
  return { valid, errors: out.errors, warnings: out.warnings, events: valid ? out.events : [] };
}

export function checkEventText(text: string, options: CheckOptions = {}): DocumentCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { path, message } = parsed.error;
    return { valid: false, errors: [{ path, message }], warnings: [], events: [] };
  }
  // Duplicate keys and numbers JSON would change, each at its line and column.
  const located = parsed.value.problems.map(({ path, line, column, message }) => ({
    path,
    message: `line ${line}, column ${column}: ${message}`,
  }));
  const check = checkDocument(parsed.value.value, options);
  // The value-level number check repeats what the text check located; keep the located one.
  const errors = [...located, ...check.errors.filter((e) => !located.some((l) => l.path === e.path))];
  const warnings = check.warnings.filter((w) => !located.some((l) => l.path === w.path));
  const valid = errors.length === 0;
  return { ...check, valid, errors, warnings, events: valid ? check.events : [] };
}

/**
 * Numbers that cannot travel: Infinity/NaN (sent as null: an error) and integers past 2^53 (already
 * rounded, or about to be: a warning, since the value alone cannot tell). Iterative, depth-checked.
 */
function numberProblems(value: unknown, base: string, out: Collected): void {
  const stack: Array<[unknown, string]> = [[value, base]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'number') {
      if (!Number.isFinite(node))
        out.errors.push({ path, message: 'is not a finite number (e.g. 1e400): it would be sent as null' });
      else if (Number.isInteger(node) && !Number.isSafeInteger(node))
        out.warnings.push({
          path,
          message: 'is an integer larger than 2^53: it may have been rounded; send it as a string',
        });
    } else if (Array.isArray(node)) node.forEach((item, i) => stack.push([item, appendPath(path, i)]));
    else if (isRecord(node))
      for (const [key, item] of Object.entries(node)) stack.push([item, appendPath(path, key)]);
  }
}

export function checkSingleEvent(
  value: unknown,
  options: CheckOptions = {},
): DocumentCheck & { event?: SegmentEvent } {
  const check = checkDocument(value, options);
  if (!check.valid) return check;
  const [event] = check.events;
  if (check.events.length !== 1 || !event) {
    const count = check.events.length;
    return {
      ...check,
      valid: false,
      events: [],
      errors: [
        {
          path: '$',
          message: `holds ${count === 0 ? 'no events' : `${count} events`}; sending takes exactly one event`,
        },
      ],
    };
  }
  return { ...check, event };
}
