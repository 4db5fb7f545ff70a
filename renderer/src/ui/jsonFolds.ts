/**
 * Where a pretty-printed JSON body can fold, and which of its lines show once some blocks are
 * folded. Pure, so the body viewer only keeps the folded set and draws what this derives.
 */
import { LARGE_BODY_LINES } from './bodyText';

export type FoldKind = 'object' | 'array';

export interface Fold {
  /** The line (0-based) that opens the block and the one that closes it; always different lines. */
  start: number;
  end: number;
  kind: FoldKind;
  /** Keys of an object, items of an array. */
  size: number;
  /** 0 for the outermost block. */
  depth: number;
}

export interface Folds {
  /** In order of their first line, at most one per line (the outermost when several open there). */
  list: Fold[];
  /** Per line, the index in `list` of the fold that opens on it, or -1. */
  at: Int32Array;
}

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const isSpace = (c: number) => c === 32 || c === 9 || c === 13;

const NO_FOLDS: Folds = { list: [], at: new Int32Array(0) };

/** Whether the text begins like a JSON object or array: the only bodies worth a fold gutter. */
export function opensLikeJson(lines: readonly string[]): boolean {
  for (const line of lines) {
    const first = line.trimStart();
    if (first) return first[0] === '{' || first[0] === '[';
  }
  return false;
}

/** An open block while the scan is inside it. */
interface Frame {
  kind: number;
  start: number;
  commas: number;
  filled: boolean;
}

/**
 * One linear pass matching brackets outside strings (escapes respected). A block that opens on one
 * line and closes on a later one can fold. Text that is not one JSON object or array (brackets that
 * do not pair, a string left open at a line's end, anything after the outermost block) gets none.
 */
export function findFolds(lines: readonly string[]): Folds {
  if (!opensLikeJson(lines)) return NO_FOLDS;
  const list: Fold[] = [];
  const at = new Int32Array(lines.length).fill(-1);
  const stack: Frame[] = [];
  let closedRoot = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    let inString = false;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (isSpace(c)) continue;
      const top = stack[stack.length - 1];
      if (closedRoot) return NO_FOLDS;
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (top) top.filled = true;
        stack.push({ kind: c, start: n, commas: 0, filled: false });
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (!top || top.kind !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) return NO_FOLDS;
        stack.pop();
        if (top.start < n) keepOutermost(list, at, fold(top, n, stack.length));
        closedRoot = stack.length === 0;
      } else if (!top) return NO_FOLDS;
      else if (c === COMMA) top.commas++;
      else {
        top.filled = true;
        inString = c === QUOTE;
      }
    }
    if (inString) return NO_FOLDS;
  }
  if (!closedRoot) return NO_FOLDS;
  // Blocks close inner first: order them by where they open.
  list.sort((a, b) => a.start - b.start);
  list.forEach((f, i) => (at[f.start] = i));
  return { list, at };
}

function fold(frame: Frame, end: number, depth: number): Fold {
  const kind = frame.kind === OPEN_OBJECT ? 'object' : 'array';
  return { start: frame.start, end, kind, size: frame.filled ? frame.commas + 1 : 0, depth };
}

/** Only pretty-printed-by-hand text opens two blocks on one line; the outer one (closed later) wins. */
function keepOutermost(list: Fold[], at: Int32Array, f: Fold): void {
  const existing = at[f.start] as number;
  if (existing === -1) {
    at[f.start] = list.length;
    list.push(f);
  } else list[existing] = f;
}

/** The fold that opens on this line, if any. */
export function foldAt(folds: Folds, line: number): Fold | undefined {
  const index = folds.at[line];
  return index === undefined || index === -1 ? undefined : folds.list[index];
}

/**
 * The lines to draw, in order, with every folded block reduced to its first line; null when
 * nothing is folded (every line shows), so an unfolded 200,000-line body costs nothing.
 */
export function visibleLines(lineCount: number, folds: Folds, folded: ReadonlySet<number>): number[] | null {
  if (folded.size === 0) return null;
  const shown: number[] = [];
  for (let line = 0; line < lineCount; line++) {
    shown.push(line);
    if (folded.has(line)) line = foldAt(folds, line)?.end ?? line;
  }
  return shown;
}

/** Where a line is among the visible ones (binary search); -1 when it is hidden in a fold. */
export function indexOfLine(visible: readonly number[], line: number): number {
  let low = 0;
  let high = visible.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = visible[mid] as number;
    if (value === line) return mid;
    if (value < line) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The folded set that leaves `levels` levels open: 1 folds everything inside the outermost block. */
export function foldedBeyond(folds: Folds, levels: number): Set<number> {
  const folded = new Set<number>();
  for (const f of folds.list) if (f.depth >= levels) folded.add(f.start);
  return folded;
}

/** The folded set with every block that hides `line` opened; the same set when none does. */
export function revealLine(folded: ReadonlySet<number>, folds: Folds, line: number): ReadonlySet<number> {
  let next: Set<number> | null = null;
  for (const start of folded) {
    const f = foldAt(folds, start);
    if (f && f.start < line && line <= f.end) (next ??= new Set(folded)).delete(start);
  }
  return next ?? folded;
}

/** "300 items", "1 key": what a folded block holds. */
export function foldSize(f: Fold): string {
  const noun = f.kind === 'array' ? 'item' : 'key';
  return `${f.size.toLocaleString('en-US')} ${noun}${f.size === 1 ? '' : 's'}`;
}

/** The toggle's name: "Collapse lines 4–310 (array, 300 items)", lines counted from 1. */
export function foldLabel(f: Fold, expanded: boolean): string {
  return `${expanded ? 'Collapse' : 'Expand'} lines ${f.start + 1}–${f.end + 1} (${f.kind}, ${foldSize(f)})`;
}

/** A run of lines, 0-based, both ends included. */
export interface LineRange {
  start: number;
  end: number;
}

/**
 * The lines of each member of a block (an object's entries, an array's items), in order, for a body
 * printed one member per line (as JSON.stringify with an indent prints it): a member that opens a
 * block spans to its close, any other takes its one line. Null when the count disagrees with what
 * the fold holds, so text printed another way is never mis-sliced.
 */
export function blockMembers(folds: Folds, block: Fold): LineRange[] | null {
  const members: LineRange[] = [];
  for (let line = block.start + 1; line < block.end; line++) {
    const inner = foldAt(folds, line);
    const end = inner ? inner.end : line;
    members.push({ start: line, end });
    line = end;
  }
  return members.length === block.size ? members : null;
}

const MEMBER_KEY = /^\s*"((?:[^"\\]|\\.)*)"\s*:/;

/** An object member's key, read from the line it starts on (`  "input": [`); null for an array item. */
export function memberKey(line: string): string | null {
  const match = MEMBER_KEY.exec(line);
  if (!match) return null;
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return null;
  }
}

/** Fold ranges by the body's lines (bodyText keeps those per text), so paging back reuses them. */
const computed = new WeakMap<readonly string[], Folds>();

/** The folds of these lines if already computed (a big body's are computed late). */
export function computedFolds(lines: readonly string[]): Folds | undefined {
  return computed.get(lines);
}

/** The folds of a body's lines, computed once per lines: the viewer and what marks a range share them. */
export function foldsOfLines(lines: readonly string[]): Folds {
  let folds = computed.get(lines);
  if (!folds) {
    const start = performance.now();
    folds = findFolds(lines);
    // `npm run bench` reads the last big body's (one entry kept, so they do not pile up).
    if (lines.length > LARGE_BODY_LINES) {
      performance.clearMeasures('json-folds');
      performance.measure('json-folds', { start, end: performance.now() });
    }
    computed.set(lines, folds);
  }
  return folds;
}
