/**
 * JSON parsing with locations, for every place that reads JSON a person wrote (editor, CLI files,
 * settings): the value plus what JSON.parse hides. Built on `jsonc-parser`'s visitor, as the rest of
 * the toolkit here (path.ts, edit.ts, syntaxError.ts).
 * - A key given twice is an error naming both places (JSON.parse keeps the last one silently).
 * - Nesting deeper than `maxDepth` is one located error, found by an iterative scan before any
 *   recursive code (the parser's or ours) could overflow the stack.
 * - Numbers that JSON would change on the way: 1e400 (becomes null on send) and integers past 2^53
 *   (rounded) are errors at their place.
 * - `__proto__` keys become own properties, as with JSON.parse.
 */
import { visit, type JSONPath } from 'jsonc-parser';
import { err, ok, type Result } from '../result';
import { appendPath } from './path';
import { findJsonSyntaxError, lineColumn } from './syntaxError';

export interface JsonLocation {
  /** JSONPath-like, e.g. `$.properties.seats`. */
  path: string;
  offset: number;
  line: number;
  column: number;
}

export interface JsonProblem extends JsonLocation {
  message: string;
}

export interface ParsedJson {
  value: unknown;
  /** Duplicate keys and numbers JSON would change: errors at their place. */
  problems: JsonProblem[];
}

export interface ParseJsonOptions {
  maxDepth?: number;
}

/** Segment events rarely nest beyond 10 levels; this leaves room and keeps recursion safe. */
export const MAX_JSON_DEPTH = 64;

type Container =
  | { kind: 'object'; value: Record<string, unknown>; keys: Map<string, number>; key?: string }
  | { kind: 'array'; value: unknown[] };

const toPath = (segments: JSONPath) => appendPath('$', ...segments);

/** Parses `text` (a leading UTF-8 BOM is skipped); a syntax error or too deep a nesting is the error. */
export function parseJson(text: string, options: ParseJsonOptions = {}): Result<ParsedJson, JsonProblem> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = body === text ? 0 : 1;
  const at = (offset: number, path: string) => ({
    path,
    offset: offset + shift,
    ...lineColumn(text, offset + shift),
  });
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const tooDeep = findTooDeep(body, maxDepth);
  if (tooDeep !== null) {
    const where = at(tooDeep, '$');
    return err({
      ...where,
      message: `line ${where.line}, column ${where.column}: nested deeper than ${maxDepth} levels: flatten the data`,
    });
  }
  const syntax = findJsonSyntaxError(body);
  if (syntax !== null) {
    return err({
      ...at(syntax.offset, '$'),
      message: `not valid JSON: line ${syntax.line}, column ${syntax.column + (syntax.line === 1 ? shift : 0)}: ${syntax.message}`,
    });
  }

  const problems: JsonProblem[] = [];
  const stack: Container[] = [];
  let root: unknown;
  const place = (value: unknown) => {
    const top = stack[stack.length - 1];
    if (!top) root = value;
    else if (top.kind === 'array') top.value.push(value);
    // defineProperty: a "__proto__" key must become data, not the object's prototype.
    else
      Object.defineProperty(top.value, top.key!, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
  };
  visit(body, {
    onObjectBegin: () => {
      const value: Record<string, unknown> = {};
      place(value);
      stack.push({ kind: 'object', value, keys: new Map() });
    },
    onArrayBegin: () => {
      const value: unknown[] = [];
      place(value);
      stack.push({ kind: 'array', value });
    },
    onObjectEnd: () => void stack.pop(),
    onArrayEnd: () => void stack.pop(),
    onObjectProperty: (key, offset, _length, _line, _column, pathSupplier) => {
      const top = stack[stack.length - 1] as Extract<Container, { kind: 'object' }>;
      const first = top.keys.get(key);
      if (first !== undefined) {
        const a = lineColumn(body, first);
        const b = lineColumn(body, offset);
        problems.push({
          ...at(offset, appendPath(toPath(pathSupplier()), key)),
          message: `the key ${JSON.stringify(key)} is given twice: at line ${a.line}, column ${a.column + (a.line === 1 ? shift : 0)} and at line ${b.line}, column ${b.column + (b.line === 1 ? shift : 0)}; JSON would keep only the last`,
        });
      } else top.keys.set(key, offset);
      top.key = key;
    },
    onLiteralValue: (value: unknown, offset, length, _line, _column, pathSupplier) => {
      if (typeof value === 'number') {
        const problem = numberProblem(body.slice(offset, offset + length), value);
        if (problem) problems.push({ ...at(offset, toPath(pathSupplier())), message: problem });
      }
      place(value);
    },
  });
  return ok({ value: root, problems });
}

/** Why a number literal cannot travel as written, or null. */
function numberProblem(raw: string, value: number): string | null {
  if (!Number.isFinite(value)) {
    return `the number ${abbreviate(raw)} is too large for JSON numbers: it would be sent as null`;
  }
  if (/^-?\d+$/.test(raw) && !Number.isSafeInteger(value)) {
    return `the integer ${abbreviate(raw)} is larger than 2^53 and would be rounded to ${String(value)}: send it as a string`;
  }
  return null;
}

const abbreviate = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 20)}…(${raw.length} digits)` : raw);

/** The offset of the first `{`/`[` that opens a level deeper than `max`, or null. Iterative. */
export function findTooDeep(text: string, max: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

/** How deep a value nests (objects and arrays), counted without recursion; stops past `max`. */
export function valueDepthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
