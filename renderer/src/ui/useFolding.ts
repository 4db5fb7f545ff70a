import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  foldedBeyond,
  foldsOfLines,
  computedFolds,
  opensLikeJson,
  revealLine,
  visibleLines,
  type Folds,
} from './jsonFolds';

const NOTHING_FOLDED: ReadonlySet<number> = new Set();

export interface Folding {
  /** The body opens like JSON: it gets a fold gutter and Collapse/Expand all (until it proves not to). */
  foldable: boolean;
  /** Null until computed; a big body's are computed when the browser is idle after it shows. */
  folds: Folds | null;
  folded: ReadonlySet<number>;
  /** The lines to draw, in order; null when every line shows. */
  visible: number[] | null;
  toggle(line: number): void;
  /** Leave `levels` levels open (1: collapse all), or none folded with Infinity (expand all). */
  openLevels(levels: number): void;
  /** Open the blocks that hide `line`, and the block it opens, so it shows with what it holds. */
  open(line: number): void;
}

/**
 * The folds of one body and which are folded (reset when the body changes). A small body's folds
 * are computed as it renders; a big one's after it is on screen, or at once if the user folds first.
 * When `reveal` (the search's current line) changes, the blocks hiding it open.
 */
export function useFolding(lines: readonly string[] | null, large: boolean, reveal: number | null): Folding {
  const foldable = useMemo(() => lines !== null && opensLikeJson(lines), [lines]);
  const eager = useMemo(
    () => (lines && foldable && (!large || computedFolds(lines) !== undefined) ? foldsOfLines(lines) : null),
    [lines, foldable, large],
  );
  const [late, setLate] = useState<Folds | null>(null);
  const folds = eager ?? (lines && late === computedFolds(lines) ? late : null);
  useEffect(() => {
    if (!lines || !foldable || eager) return;
    const id = requestIdleCallback(() => setLate(foldsOfLines(lines)), { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }, [lines, foldable, eager]);

  const [state, setState] = useState({ lines, folded: NOTHING_FOLDED, reveal });
  let folded = state.lines === lines ? state.folded : NOTHING_FOLDED;
  // A new current search line: open what hides it, once (adjusting state while rendering).
  if (state.lines !== lines || state.reveal !== reveal) {
    if (folds && reveal !== null) folded = revealLine(folded, folds, reveal);
    setState({ lines, folded, reveal });
  }

  const visible = useMemo(
    () => (lines && folds ? visibleLines(lines.length, folds, folded) : null),
    [lines, folds, folded],
  );

  const change = useCallback(
    (next: (folds: Folds, folded: ReadonlySet<number>) => ReadonlySet<number>) => {
      if (!lines || !foldable) return;
      const all = foldsOfLines(lines);
      setLate(all);
      // What the user folds stays folded, even over the current search line (it opens on the next).
      setState((s) => ({ ...s, lines, folded: next(all, s.lines === lines ? s.folded : NOTHING_FOLDED) }));
    },
    [lines, foldable],
  );
  const toggle = useCallback(
    (line: number) =>
      change((_, before) => {
        const after = new Set(before);
        if (!after.delete(line)) after.add(line);
        return after;
      }),
    [change],
  );
  const openLevels = useCallback(
    (levels: number) =>
      change((all) => (Number.isFinite(levels) ? foldedBeyond(all, levels) : NOTHING_FOLDED)),
    [change],
  );
  const open = useCallback(
    (line: number) =>
      change((all, before) => {
        const after = new Set(revealLine(before, all, line));
        after.delete(line);
        return after;
      }),
    [change],
  );
  return {
    foldable: foldable && (!folds || folds.list.length > 0),
    folds,
    folded,
    visible,
    toggle,
    openLevels,
    open,
  };
}
