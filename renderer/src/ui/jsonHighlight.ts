/** Splits pretty JSON into coloured spans; anything it does not recognise stays plain text. */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'plain';
export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])/g;

export function highlightJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ kind: 'plain', text: text.slice(last, index) });
    if (match[1] !== undefined) {
      tokens.push({ kind: match[2] !== undefined ? 'key' : 'string', text: match[1] });
      if (match[2] !== undefined) tokens.push({ kind: 'punct', text: match[2] });
    } else if (match[3] !== undefined) tokens.push({ kind: 'number', text: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: 'literal', text: match[4] });
    else tokens.push({ kind: 'punct', text: match[0] });
    last = index + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'plain', text: text.slice(last) });
  return tokens;
}
