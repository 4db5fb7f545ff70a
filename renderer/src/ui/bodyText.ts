/**
 * What the body viewer needs from a text, computed once per text: its lines, its size in bytes and
 * where a search matches. Cached by text (a few entries), so paging back to a 5 MB response reuses
 * the split instead of redoing it while the user waits.
 */
export interface BodyText {
  lines: string[];
  bytes: number;
}

const CACHE_SIZE = 6;
const cache = new Map<string, BodyText>();

export function bodyText(text: string): BodyText {
  const hit = cache.get(text);
  if (hit) {
    // Most recently used last, so the oldest is the one evicted.
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const value = { lines: text.split('\n'), bytes: new TextEncoder().encode(text).length };
  cache.set(text, value);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return value;
}

/** Above these a body is drawn line by line as it scrolls into view, not as one highlighted block. */
export const LARGE_BODY_CHARS = 100_000;
export const LARGE_BODY_LINES = 2_000;

export function isLargeBody(text: string, lines: number): boolean {
  return text.length > LARGE_BODY_CHARS || lines > LARGE_BODY_LINES;
}

/** "512 B", "84.2 KB", "5.1 MB" (1 KB = 1,024 bytes, as devtools show it). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The indexes of the lines holding the query (case-insensitive); empty for an empty query. */
export function matchingLines(lines: string[], query: string): number[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const found: number[] = [];
  for (let i = 0; i < lines.length; i++)
    if ((lines[i] as string).toLowerCase().includes(needle)) found.push(i);
  return found;
}

/** A line cut around each case-insensitive occurrence of the query: odd parts are the matches. */
export function splitOnMatches(line: string, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [line];
  const parts: string[] = [];
  const lower = line.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    parts.push(line.slice(from, at), line.slice(at, at + needle.length));
    from = at + needle.length;
  }
  parts.push(line.slice(from));
  return parts;
}
