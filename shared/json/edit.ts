/**
 * Minimal edits to a JSON text a person wrote: `edit(text, path, value)` changes one member and
 * leaves every other character (order, spacing, the user's own formatting) as it was. This is
 * jsonc-parser's `modify`, with the indentation read from the text itself so an inserted member
 * looks like its neighbours. Also where a path sits in the text (for "show in the editor").
 */
import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parseTree,
  type FormattingOptions,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import type { JsonPath } from './path';
import { lineColumn } from './syntaxError';

/** Replace `length` characters at `offset` with `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** The indentation and line ending the text already uses (two spaces and \n for a one-liner). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const insertSpaces = !indent.startsWith('\t');
  return { insertSpaces, tabSize: insertSpaces ? indent.length : 1, eol };
}

/**
 * The edits that set `path` to `value` (or remove it when `value` is undefined). A new member goes
 * last in its object, laid out like its siblings; an existing value is replaced in place. Only the
 * edited member's text changes: jsonc-parser's own formatting would re-flow a neighbour on the line.
 */
export function edit(text: string, path: JsonPath, value: unknown): TextEdit[] {
  const root = value === undefined || path.length === 0 ? undefined : parseTree(text);
  const format = detectFormatting(text);
  const node = root && findNodeAtLocation(root, [...path]);
  if (node)
    return [{ offset: node.offset, length: node.length, content: layout(text, node.offset, value, format) }];
  const parent = root && findNodeAtLocation(root, [...path.slice(0, -1)]);
  const key = path[path.length - 1];
  if (parent?.type === 'object' && typeof key === 'string')
    return [insertMember(text, parent, key, value, format)];
  // Removals, array items and missing parents: jsonc-parser's edit, formatted.
  const edits = modify(text, [...path], value, { formattingOptions: format });
  return edits.map(({ offset, length, content }) => ({ offset, length, content }));
}

const unit = (format: FormattingOptions) => (format.insertSpaces ? ' '.repeat(format.tabSize ?? 2) : '\t');

/** The indentation of the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** `value` as JSON: multi-line at the indentation of `offset` in a multi-line text, else on one line. */
function layout(text: string, offset: number, value: unknown, format: FormattingOptions): string {
  if (!text.includes('\n')) return oneLine(value);
  const pretty = JSON.stringify(value, null, unit(format)) ?? 'null';
  return pretty.split('\n').join(`${format.eol ?? '\n'}${lineIndent(text, offset)}`);
}

/** JSON on one line with a space after `:` and `,` (JSON.stringify's only newlines are structural). */
const oneLine = (value: unknown) =>
  (JSON.stringify(value, null, 1) ?? 'null')
    .replace(/\n */g, ' ')
    .replace(/([[{]) /g, '$1')
    .replace(/ ([}\]])/g, '$1');

function insertMember(
  text: string,
  object: Node,
  key: string,
  value: unknown,
  format: FormattingOptions,
): TextEdit {
  const eol = format.eol ?? '\n';
  const members = object.children ?? [];
  const last = members[members.length - 1];
  const inner = text.slice(object.offset, object.offset + object.length);
  if (!inner.includes('\n') && (last || !text.includes('\n'))) {
    const member = `${JSON.stringify(key)}: ${oneLine(value)}`;
    return last
      ? { offset: last.offset + last.length, length: 0, content: `, ${member}` }
      : { offset: object.offset + 1, length: 0, content: member };
  }
  const indent = last ? lineIndent(text, last.offset) : lineIndent(text, object.offset) + unit(format);
  const member = `${JSON.stringify(key)}: ${(JSON.stringify(value, null, unit(format)) ?? 'null').split('\n').join(eol + indent)}`;
  if (last) return { offset: last.offset + last.length, length: 0, content: `,${eol}${indent}${member}` };
  // An empty object opens up: `{}` becomes a block closed at the object's own indentation.
  const content = `${eol}${indent}${member}${eol}${lineIndent(text, object.offset)}`;
  return { offset: object.offset + 1, length: inner.length - 2, content };
}

export const applyTextEdits = (text: string, edits: readonly TextEdit[]): string =>
  applyEdits(text, [...edits]);

/**
 * Where `path` sits: the key of an object member, the start of an array item. A missing member
 * resolves to the deepest parent that exists (a missing `$.event` points at the object that should
 * hold it). Null when the text does not parse.
 */
export function locate(
  text: string,
  path: JsonPath,
): { offset: number; line: number; column: number } | null {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true });
  if (!root || errors.length > 0) return null;
  let offset = root.offset;
  for (let depth = path.length; depth > 0; depth--) {
    const node = findNodeAtLocation(root, [...path.slice(0, depth)]);
    if (!node) continue;
    // A member's value: point at its key, where the eye looks for it.
    const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    offset = keyNode?.offset ?? node.offset;
    break;
  }
  return { offset, ...lineColumn(text, offset) };
}
