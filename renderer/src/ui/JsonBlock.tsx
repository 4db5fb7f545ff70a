import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { announce } from './announcer';
import { bodyText, formatBytes, isLargeBody, matchingLines, splitOnMatches } from './bodyText';
import { CopyButton } from './CopyButton';
import { Icon } from './Icon';
import { foldAt, foldLabel, foldSize, indexOfLine } from './jsonFolds';
import { highlightJson } from './jsonHighlight';
import { useFolding, type Folding } from './useFolding';
import './JsonBlock.css';

/**
 * Lines of the body to set apart (a batched call's record that belongs to the event shown), with
 * what they are in words: "this event's record". Lines are 0-based, both ends included.
 */
export interface LineMark {
  start: number;
  end: number;
  label: string;
}

/** A request to bring a line into view, dropped once the body has scrolled to it. */
interface ScrollRequest {
  line: number;
}

/** The marked range's class on a line: set apart, with its first and last line rounded off. */
function markClass(mark: LineMark | null, line: number): string {
  if (!mark || line < mark.start || line > mark.end) return '';
  return `marked${line === mark.start ? ' marked-start' : ''}${line === mark.end ? ' marked-end' : ''}`;
}

/** Pretty JSON's line height (12.5px × 1.55), the virtual list's estimate before it measures. */
const LINE_HEIGHT = 19.4;

function Highlighted({ text }: { text: string }) {
  return (
    <>
      {highlightJson(text).map((t, i) =>
        t.kind === 'plain' ? (
          t.text
        ) : (
          <span key={i} className={`j-${t.kind}`}>
            {t.text}
          </span>
        ),
      )}
    </>
  );
}

/** One line's text: highlighted, or with the search's matches marked (plain, so the marks read clearly). */
function LineText({ text, query }: { text: string; query: string }) {
  if (!query) return <Highlighted text={text} />;
  const parts = splitOnMatches(text, query);
  if (parts.length === 1) return <Highlighted text={text} />;
  return <>{parts.map((part, i) => (i % 2 ? <mark key={i}>{part}</mark> : part))}</>;
}

/**
 * One line of the body: its fold toggle (in a gutter every line of a JSON body has, so nothing
 * shifts), its text, and when folded the block's closing bracket and what it holds, on the same line.
 * The toggles are not tab stops (a big body has thousands): the body's keys fold from the keyboard.
 */
function BodyLine({
  lines,
  line,
  query,
  folding,
  mark,
}: {
  lines: string[];
  line: number;
  query: string;
  folding: Folding;
  mark: LineMark | null;
}) {
  const fold = folding.folds ? foldAt(folding.folds, line) : undefined;
  const folded = fold !== undefined && folding.folded.has(line);
  return (
    <>
      {folding.foldable && (
        <span className="fold-gutter">
          {fold && (
            <button
              type="button"
              tabIndex={-1}
              className="fold-toggle"
              aria-expanded={!folded}
              aria-label={foldLabel(fold, !folded)}
              title={foldLabel(fold, !folded)}
              onClick={() => folding.toggle(line)}
            >
              <Icon name="chevron-right" />
            </button>
          )}
        </span>
      )}
      <span className="json-text">
        {/* Heard where sighted users see the marked lines' band. */}
        {mark?.start === line && <span className="visually-hidden">Start of {mark.label}: </span>}
        <LineText text={lines[line] ?? ''} query={query} />
        {folded && (
          <>
            <span className="fold-ellipsis"> … </span>
            <Highlighted text={(lines[fold.end] ?? '').trim()} />
            <span className="fold-size" data-testid="fold-size">
              {foldSize(fold)}
            </span>
          </>
        )}
        {mark && (mark.end === line || (folded && fold.end >= mark.end && line >= mark.start)) && (
          <span className="visually-hidden"> (end of {mark.label})</span>
        )}
      </span>
    </>
  );
}

/** What the body's scroll box shares in both views: one tab stop, labelled, with the fold keys. */
interface BodyBox {
  label: string;
  hintId: string | undefined;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
  mark: LineMark | null;
  /** A pending "show the marked lines": scroll the line to the top of the box, then say it is done. */
  scrollTo: ScrollRequest | null;
  scrolled(): void;
}

/**
 * The scroll box's attributes in both views: a labelled group (a bare <pre> may not carry
 * aria-label), one tab stop so keyboards can scroll it, and the fold keys.
 */
function boxProps(box: BodyBox, kind: 'lines' | 'rows', wrap: boolean, foldable: boolean) {
  return {
    className: `json json-${kind} ${wrap ? 'wrap' : ''} ${foldable ? 'foldable' : ''}`,
    tabIndex: 0,
    role: 'group',
    'aria-label': box.label,
    'aria-describedby': box.hintId,
    onKeyDown: box.onKeyDown,
  };
}

/**
 * Big bodies (and any body being searched): only the visible lines in view are in the DOM and
 * highlighted, so a 5 MB response opens at once and a search can scroll to its n-th match.
 */
function VirtualLines({
  lines,
  folding,
  wrap,
  query,
  focusLine,
  box,
}: {
  lines: string[];
  folding: Folding;
  wrap: boolean;
  query: string;
  focusLine: number | null;
  box: BodyBox;
}) {
  const scroller = useRef<HTMLPreElement>(null);
  const { visible } = folding;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read every render by design
  const virtualizer = useVirtualizer({
    count: visible ? visible.length : lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    // Keyed by line, so measured heights stay with their lines as blocks fold above them.
    getItemKey: (index) => (visible ? (visible[index] ?? index) : index),
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const lineAt = (index: number) => (visible ? (visible[index] ?? 0) : index);
  const focusIndex = focusLine === null ? -1 : visible ? indexOfLine(visible, focusLine) : focusLine;
  // Wrapped lines differ in height: measure them again whenever wrapping changes.
  useEffect(() => virtualizer.measure(), [wrap, virtualizer]);
  useEffect(() => {
    if (focusIndex !== -1) virtualizer.scrollToIndex(focusIndex, { align: 'center' });
  }, [focusIndex, virtualizer]);
  const { scrollTo, scrolled } = box;
  useEffect(() => {
    if (!scrollTo) return;
    const index = visible ? indexOfLine(visible, scrollTo.line) : scrollTo.line;
    if (index !== -1) {
      scroller.current?.scrollIntoView({ block: 'nearest' });
      virtualizer.scrollToIndex(index, { align: 'start' });
    }
    scrolled();
  }, [scrollTo, scrolled, visible, virtualizer]);
  return (
    <pre ref={scroller} {...boxProps(box, 'lines', wrap, folding.foldable)} data-testid="body-lines">
      <code style={{ height: virtualizer.getTotalSize() }}>
        {/* The lines in view flow inside one moved window, so each is as wide as the widest. */}
        <span className="json-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => (
            <span
              key={item.key}
              data-index={item.index}
              ref={wrap ? virtualizer.measureElement : undefined}
              className={`json-line ${item.index === focusIndex ? 'current' : ''} ${markClass(box.mark, lineAt(item.index))}`}
            >
              <BodyLine
                lines={lines}
                line={lineAt(item.index)}
                query={query}
                folding={folding}
                mark={box.mark}
              />
            </span>
          ))}
        </span>
      </code>
    </pre>
  );
}

/** Small bodies: every visible line in the DOM, in the flow, so the block is as tall as its text. */
function AllLines({
  lines,
  folding,
  wrap,
  box,
}: {
  lines: string[];
  folding: Folding;
  wrap: boolean;
  box: BodyBox;
}) {
  const shown = folding.visible ?? lines.map((_, i) => i);
  const preRef = useRef<HTMLPreElement>(null);
  const { scrollTo, scrolled } = box;
  useEffect(() => {
    const pre = preRef.current;
    if (!pre || !scrollTo) return;
    const row = pre.querySelector<HTMLElement>(`[data-line="${scrollTo.line}"]`);
    if (row) {
      pre.scrollIntoView({ block: 'nearest' });
      pre.scrollTop += row.getBoundingClientRect().top - pre.getBoundingClientRect().top - pre.clientTop;
    }
    scrolled();
  }, [scrollTo, scrolled]);
  return (
    <pre ref={preRef} {...boxProps(box, 'rows', wrap, folding.foldable)} data-testid="body-all">
      <code>
        {shown.map((line) => (
          <span key={line} className={`json-line ${markClass(box.mark, line)}`} data-line={line}>
            <BodyLine lines={lines} line={line} query="" folding={folding} mark={box.mark} />
          </span>
        ))}
      </code>
    </pre>
  );
}

/** The body's fold keys: [ collapses all, ] expands all, 1–3 leave that many levels open. */
function foldLevelsFor(e: KeyboardEvent<HTMLElement>): number | null {
  // Ctrl+Alt is AltGr, which types [ and ] on many layouts; other modifiers belong to other shortcuts.
  if (e.metaKey || e.ctrlKey !== e.altKey) return null;
  if (e.key === '[') return 1;
  if (e.key === ']') return Infinity;
  return /^[1-3]$/.test(e.key) ? Number(e.key) : null;
}

/**
 * A JSON (or text) body with its size, a wrap toggle, search, folding and Copy. Small bodies render
 * every line; big ones, or any while searching, line by line as they scroll into view.
 */
export const JsonBlock = memo(function JsonBlock({
  title,
  text,
  mark = null,
}: {
  title: string;
  text: string | null;
  /** Lines to set apart, with a button that brings them into view (computed from the same text). */
  mark?: LineMark | null;
}) {
  const [wrap, setWrap] = useState(false);
  const [scrollTo, setScrollTo] = useState<ScrollRequest | null>(null);
  const scrolled = useCallback(() => setScrollTo(null), []);
  const [search, setSearch] = useState('');
  const [at, setAt] = useState(0);
  const query = useDeferredValue(search.trim());
  const body = useMemo(() => (text === null ? null : bodyText(text)), [text]);
  const large = text !== null && body !== null && isLargeBody(text, body.lines.length);
  const matches = useMemo(() => (body ? matchingLines(body.lines, query) : []), [body, query]);
  const searchId = useId();
  const hintId = useId();
  const current = matches.length > 0 ? (matches[Math.min(at, matches.length - 1)] ?? null) : null;
  const folding = useFolding(body?.lines ?? null, large, current);

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && matches.length > 0) {
      e.preventDefault();
      setAt((n) => (e.shiftKey ? (n - 1 + matches.length) % matches.length : (n + 1) % matches.length));
    } else if (e.key === 'Escape' && search) {
      e.preventDefault();
      e.stopPropagation();
      setSearch('');
    }
  };
  const showMark = () => {
    if (!mark) return;
    folding.open(mark.start);
    setScrollTo({ line: mark.start });
    announce(
      `Showing lines ${mark.start + 1} to ${mark.end + 1} of the ${title.toLowerCase()}: ${mark.label}`,
    );
  };
  const box: BodyBox = {
    mark,
    scrollTo,
    scrolled,
    label: title,
    hintId: folding.foldable ? hintId : undefined,
    onKeyDown: (e) => {
      const levels = folding.foldable ? foldLevelsFor(e) : null;
      if (levels === null) return;
      e.preventDefault();
      folding.openLevels(levels);
    },
  };

  return (
    <div className="json-block">
      <div className="json-head">
        <h4>{title}</h4>
        {text !== null && body && (
          <div className="json-tools">
            {mark && (
              <button
                type="button"
                className="icon-button small mark-show"
                onClick={showMark}
                title={`Lines ${mark.start + 1}–${mark.end + 1}`}
                data-testid="show-mark"
              >
                Show {mark.label}
              </button>
            )}
            <span className="json-size" data-testid="body-size">
              {formatBytes(body.bytes)}
            </span>
            <label className="json-search">
              <span className="visually-hidden">Search the {title.toLowerCase()}</span>
              <input
                type="search"
                placeholder="Search"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setAt(0);
                }}
                onKeyDown={onSearchKey}
                aria-describedby={query ? searchId : undefined}
                data-testid="body-search"
              />
            </label>
            {query && (
              <span className="json-matches" id={searchId} role="status" data-testid="body-matches">
                {matches.length === 0
                  ? 'No matches'
                  : `Line ${Math.min(at, matches.length - 1) + 1} of ${matches.length} matching`}
              </span>
            )}
            {folding.foldable && (
              <>
                <button
                  type="button"
                  className="icon-button small"
                  onClick={() => folding.openLevels(1)}
                  title="Collapse every block inside the outermost (key [ on the focused body; 2 or 3 keep that many levels open)"
                >
                  Collapse all
                </button>
                <button
                  type="button"
                  className="icon-button small"
                  onClick={() => folding.openLevels(Infinity)}
                  title="Expand every block (key ] on the focused body)"
                >
                  Expand all
                </button>
                <span id={hintId} className="visually-hidden">
                  Press [ to collapse all blocks, ] to expand them, 2 or 3 to keep that many levels open.
                </span>
              </>
            )}
            <button
              type="button"
              className="icon-button small"
              aria-pressed={wrap}
              onClick={() => setWrap((w) => !w)}
              title="Wrap long lines"
            >
              Wrap
            </button>
            <CopyButton text={text} label={title.toLowerCase()} />
          </div>
        )}
      </div>
      {text === null || !body ? (
        <p className="muted small">No body</p>
      ) : query || large ? (
        <VirtualLines
          lines={body.lines}
          folding={folding}
          wrap={wrap}
          query={query}
          focusLine={current}
          box={box}
        />
      ) : (
        <AllLines lines={body.lines} folding={folding} wrap={wrap} box={box} />
      )}
    </div>
  );
});

export function KeyValueTable({
  title,
  rows,
  copyText,
}: {
  title: string;
  rows: [string, string][];
  copyText?: string;
}) {
  return (
    <div className="kv-block">
      <div className="json-head">
        <h4>{title}</h4>
        {copyText !== undefined && rows.length > 0 && (
          <CopyButton text={copyText} label={title.toLowerCase()} />
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted small">None</p>
      ) : (
        <table className="kv">
          <tbody>
            {rows.map(([k, v], i) => (
              <tr key={`${k}-${i}`}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
