/**
 * Finds where a JSON path like `$.properties.items[0].sku` sits in a draft, so a problem can reveal
 * its line. Missing members resolve to the deepest parent that exists (a missing `$.event` points at
 * the object that should hold it). Pure and tolerant: returns null when the text does not parse.
 */
import { lineColumn } from '../../../../shared/segment/jsonSyntax';

export interface TextPosition {
  line: number;
  column: number;
}

type Segment = string | number;

interface JsonNode {
  offset: number;
  members?: Map<string, { keyOffset: number; value: JsonNode }>;
  items?: JsonNode[];
}

export function parsePath(path: string): Segment[] | null {
  const segments: Segment[] = [];
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  while (rest.length > 0) {
    let match = /^\.([^.[\]]+)/.exec(rest);
    if (match) {
      segments.push(match[1] as string);
    } else if ((match = /^\[(\d+)\]/.exec(rest))) {
      segments.push(Number(match[1]));
    } else if ((match = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest))) {
      segments.push(JSON.parse(match[1] as string) as string);
    } else {
      return null;
    }
    rest = rest.slice(match[0].length);
  }
  return segments;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  parse(): JsonNode {
    const node = this.value();
    this.ws();
    if (this.pos !== this.text.length) throw new Error('trailing text');
    return node;
  }

  private ws(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private value(): JsonNode {
    this.ws();
    const offset = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(offset);
    if (ch === '[') return this.array(offset);
    if (ch === '"') {
      this.string();
      return { offset };
    }
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos));
    if (!literal) throw new Error('unexpected token');
    this.pos += literal[0].length;
    return { offset };
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      } else this.pos++;
    }
    throw new Error('unterminated string');
  }

  private expect(ch: string): void {
    this.ws();
    if (this.text[this.pos] !== ch) throw new Error(`expected ${ch}`);
    this.pos++;
  }

  private object(offset: number): JsonNode {
    const members = new Map<string, { keyOffset: number; value: JsonNode }>();
    this.pos++;
    this.ws();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { offset, members };
    }
    for (;;) {
      this.ws();
      const keyOffset = this.pos;
      if (this.text[this.pos] !== '"') throw new Error('expected key');
      const key = this.string();
      this.expect(':');
      members.set(key, { keyOffset, value: this.value() });
      this.ws();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return { offset, members };
    }
  }

  private array(offset: number): JsonNode {
    const items: JsonNode[] = [];
    this.pos++;
    this.ws();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { offset, items };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return { offset, items };
    }
  }
}

export function locateJsonPath(text: string, path: string): TextPosition | null {
  const segments = parsePath(path);
  if (!segments) return null;
  let node: JsonNode;
  try {
    node = new Scanner(text).parse();
  } catch {
    return null;
  }
  let offset = node.offset;
  for (const segment of segments) {
    if (typeof segment === 'number' && node.items) {
      const item = node.items[segment];
      if (!item) break;
      node = item;
      offset = item.offset;
    } else if (node.members) {
      const member = node.members.get(String(segment));
      if (!member) break;
      node = member.value;
      offset = member.keyOffset;
    } else {
      break;
    }
  }
  return lineColumn(text, offset);
}
