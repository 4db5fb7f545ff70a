/**
 * Where a JSON text first goes wrong, in plain words. The scanning is jsonc-parser's (strict: no
 * comments, no trailing commas); this module only turns its error codes into sentences a marketer
 * can act on, because JSON.parse's own messages differ between runtimes and often give no place.
 */
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

// The code's name, not the const enum: an ambient const enum cannot be read under isolatedModules.
type ErrorName = ReturnType<typeof printParseErrorCode>;

export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function show(char: string | undefined): string {
  if (char === undefined) return 'the end of the text';
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === '\t') return 'a tab';
  return `'${char}'`;
}

interface Scan {
  code: ErrorName;
  offset: number;
  length: number;
  /** Containers open at the error, innermost last. */
  open: Array<{ kind: 'object' | 'array'; offset: number }>;
  /** The innermost container the text ends inside (the parser closes it before it reports that). */
  unclosed: { kind: 'object' | 'array'; offset: number } | null;
  /** Where the last complete value ended, and where it began. */
  valueEnd: number;
  valueStart: number;
}

function firstError(text: string): Scan | null {
  const open: Scan['open'] = [];
  let valueEnd = 0;
  let valueStart = 0;
  let found: Scan | null = null;
  let unclosed: Scan['unclosed'] = null;
  const ended = (offset: number, length: number, start = offset) => {
    valueEnd = offset + length;
    valueStart = start;
  };
  const close = (offset: number, length: number, bracket: string) => {
    const container = open.pop();
    if (container && text[offset] !== bracket) unclosed ??= container;
    ended(offset, length, container?.offset ?? offset);
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => void open.push({ kind: 'object', offset }),
      onArrayBegin: (offset) => void open.push({ kind: 'array', offset }),
      onObjectEnd: (offset, length) => close(offset, length, '}'),
      onArrayEnd: (offset, length) => close(offset, length, ']'),
      onLiteralValue: (_value, offset, length) => ended(offset, length),
      onError: (code, offset, length) => {
        found ??= {
          code: printParseErrorCode(code as ParseErrorCode),
          offset,
          length,
          open: [...open],
          unclosed,
          valueEnd,
          valueStart,
        };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return found;
}

const CONTROL = 'a line break or control character inside a string: write it as \\n or \\t';
const WORD = /^[A-Za-z_$][\w$]*/;

/** A value or key where one was expected but something else stands. */
function unexpected(text: string, offset: number, what: 'value' | 'key'): string {
  const c = text[offset];
  if (c === "'")
    return what === 'key'
      ? 'property names must use double quotes ("), not single quotes'
      : 'strings must use double quotes ("), not single quotes';
  const word = WORD.exec(text.slice(offset, offset + 100));
  if (word && what === 'value') return `unexpected word '${word[0]}': text values must be in double quotes`;
  return what === 'key'
    ? `expected a property name in double quotes, got ${show(c)}`
    : `expected a value, got ${show(c)}`;
}

function notClosed(text: string, scan: Scan): string {
  const top = scan.unclosed ?? scan.open[scan.open.length - 1];
  if (!top) return 'the text is empty: expected a JSON value';
  const where = lineColumn(text, top.offset);
  const what = top.kind === 'object' ? "the object '{'" : "the array '['";
  return `${what} opened at line ${where.line}, column ${where.column} is not closed`;
}

/** The offset to report and the sentence for one scan error. */
function describe(text: string, scan: Scan): [number, string] {
  const { code, offset } = scan;
  const c = text[offset];
  const previous = text.slice(0, offset).trimEnd().at(-1);
  const top = scan.open[scan.open.length - 1];
  switch (code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return [offset, 'comments are not allowed in JSON'];
    case 'PropertyNameExpected':
    case 'ValueExpected':
      if (c === undefined) return [text.length, notClosed(text, scan)];
      if ((c === '}' || c === ']') && previous === ',')
        return [offset, `a trailing comma before '${c}': remove the last ','`];
      return [offset, unexpected(text, offset, code === 'ValueExpected' ? 'value' : 'key')];
    case 'InvalidSymbol':
      if (scan.open.length === 0 && scan.valueEnd > 0)
        return [offset, `unexpected ${show(c)} after the end of the JSON value`];
      return [offset, unexpected(text, offset, 'value')];
    case 'ColonExpected':
      return [offset, `expected ':' after the property name, got ${show(c)}`];
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      return missingComma(text, scan, top?.kind ?? 'object');
    case 'EndOfFileExpected':
      return [offset, `unexpected ${show(c)} after the end of the JSON value`];
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return [offset, 'this number is not valid JSON'];
    case 'UnexpectedEndOfString':
      // jsonc-parser ends a string at a line break; say what is wrong there, not that it is open.
      if (controlCharacter(text, offset, offset + scan.length + 1) !== null)
        return [controlCharacter(text, offset) ?? offset, CONTROL];
      return [offset, 'this string is not closed: a closing double quote is missing'];
    case 'InvalidCharacter':
      return [controlCharacter(text, offset) ?? offset, CONTROL];
    case 'InvalidUnicode':
      return [offset, 'invalid \\u escape: it needs four hex digits'];
    default:
      return [offset, 'invalid escape in a string'];
  }
}

function missingComma(text: string, scan: Scan, kind: 'object' | 'array'): [number, string] {
  const { offset } = scan;
  const c = text[offset];
  if (c === undefined) return [text.length, notClosed(text, scan)];
  // `01`: the scanner reads two numbers; it is one malformed number where it starts.
  if (offset === scan.valueEnd && /[0-9.eE]/.test(c))
    return [scan.valueStart, 'this number is not valid JSON'];
  // A new value where a comma belongs: point at the end of the previous value, where the comma is
  // missing, rather than at the start of the next line.
  if (c === '"' || c === '{' || c === '[' || /[-0-9tfn]/.test(c))
    return [
      scan.valueEnd,
      `a ',' is missing here, before the next ${kind === 'object' ? 'property' : 'value'}`,
    ];
  return [offset, `expected ',' or '${kind === 'object' ? '}' : ']'}', got ${show(c)}`];
}

/** The first control character at or after `from` (the scanner reports the string's start). */
function controlCharacter(text: string, from: number, to = text.length): number | null {
  for (let i = from; i < Math.min(to, text.length); i++) if (text.charCodeAt(i) < 32) return i;
  return null;
}

/** The first syntax error in `text`, or null if it is well-formed JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scan = firstError(text);
  if (!scan) return null;
  const [offset, message] = describe(text, scan);
  return { offset, ...lineColumn(text, offset), message };
}
