/**
 * Finds where a JSON text first goes wrong and says why in plain words. JSON.parse's own messages
 * differ between runtimes and often give no position, so the app and the CLI use this instead.
 */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

interface Container {
  kind: 'object' | 'array';
  offset: number;
  /** True until the first member or comma: a closing bracket is then fine, not a trailing comma. */
  empty: boolean;
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

/** Returns the first syntax error in `text`, or null if it is well-formed JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const n = text.length;
  const stack: Container[] = [];
  let i = 0;
  let state: 'value' | 'key' | 'after' = 'value';
  /** Where the last complete value ended. */
  let valueEnd = 0;

  const fail = (offset: number, message: string): JsonSyntaxError => ({
    offset,
    ...lineColumn(text, offset),
    message,
  });
  const unclosed = (): JsonSyntaxError => {
    const top = stack[stack.length - 1];
    if (!top) return fail(n, 'the text is empty: expected a JSON value');
    const where = lineColumn(text, top.offset);
    const what = top.kind === 'object' ? "the object '{'" : "the array '['";
    return fail(n, `${what} opened at line ${where.line}, column ${where.column} is not closed`);
  };

  const skipSpace = (): JsonSyntaxError | null => {
    while (i < n) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
        return fail(i, 'comments are not allowed in JSON');
      else break;
    }
    return null;
  };

  const scanString = (): JsonSyntaxError | null => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 32) return fail(i, 'a line break or control character inside a string: write it as \\n or \\t');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail(i, 'invalid \\u escape: it needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(i, `invalid escape ${show('\\' + (e ?? ''))} in a string`);
      } else i++;
    }
    return fail(start, 'this string is not closed: a closing double quote is missing');
  };

  const scanValue = (): JsonSyntaxError | null => {
    const c = text[i];
    if (c === '"') return scanString();
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-' && number[0].length > 0) {
      const next = text[i + number[0].length];
      if (next !== undefined && /[0-9.eE]/.test(next)) return fail(i, 'this number is not valid JSON');
      i += number[0].length;
      return null;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return null;
      }
    }
    if (c === "'") return fail(i, 'strings must use double quotes ("), not single quotes');
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 100));
    if (word) return fail(i, `unexpected word '${word[0]}': text values must be in double quotes`);
    return fail(i, `expected a value, got ${show(c)}`);
  };

  for (;;) {
    const spaceError = skipSpace();
    if (spaceError) return spaceError;
    const c = text[i];
    const top = stack[stack.length - 1];

    if (state === 'value') {
      if (c === undefined) return unclosed();
      if (c === '{' || c === '[') {
        stack.push({ kind: c === '{' ? 'object' : 'array', offset: i, empty: true });
        i++;
        state = c === '{' ? 'key' : 'value';
        continue;
      }
      if (c === ']' && top?.kind === 'array') {
        if (!top.empty) return fail(i, "a trailing comma before ']': remove the last ','");
        stack.pop();
        i++;
        valueEnd = i;
        state = 'after';
        continue;
      }
      const valueError = scanValue();
      if (valueError) return valueError;
      if (top) top.empty = false;
      valueEnd = i;
      state = 'after';
      continue;
    }

    if (state === 'key') {
      if (c === undefined) return unclosed();
      if (c === '}' && top) {
        if (!top.empty) return fail(i, "a trailing comma before '}': remove the last ','");
        stack.pop();
        i++;
        valueEnd = i;
        state = 'after';
        continue;
      }
      if (c === "'") return fail(i, 'property names must use double quotes ("), not single quotes');
      if (c !== '"') return fail(i, `expected a property name in double quotes, got ${show(c)}`);
      const keyError = scanString() ?? skipSpace();
      if (keyError) return keyError;
      if (text[i] !== ':') return fail(i, `expected ':' after the property name, got ${show(text[i])}`);
      i++;
      state = 'value';
      continue;
    }

    // state === 'after': a value just ended.
    if (!top) {
      if (c === undefined) return null;
      return fail(i, `unexpected ${show(c)} after the end of the JSON value`);
    }
    if (c === undefined) return unclosed();
    if (c === ',') {
      top.empty = false;
      i++;
      state = top.kind === 'object' ? 'key' : 'value';
    } else if ((c === '}' && top.kind === 'object') || (c === ']' && top.kind === 'array')) {
      stack.pop();
      i++;
      valueEnd = i;
    } else {
      // A new value where a comma belongs: point at the end of the previous value, where the
      // comma is missing, rather than at the start of the next line.
      if (c === '"' || c === '{' || c === '[' || /[-0-9tfn]/.test(c))
        return fail(
          valueEnd,
          `a ',' is missing here, before the next ${top.kind === 'object' ? 'property' : 'value'}`,
        );
      const close = top.kind === 'object' ? '}' : ']';
      return fail(i, `expected ',' or '${close}', got ${show(c)}`);
    }
  }
}
