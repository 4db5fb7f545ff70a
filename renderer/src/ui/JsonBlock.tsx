import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { bodyText, formatBytes, isLargeBody, matchingLines, splitOnMatches } from './bodyText';
import { CopyButton } from './CopyButton';
import { highlightJson } from './jsonHighlight';
import './JsonBlock.css';

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

/** One line: highlighted, or with the search's matches marked (plain, so the marks read clearly). */
function Line({ text, query }: { text: string; query: string }) {
  if (!query) return <Highlighted text={text} />;
  const parts = splitOnMatches(text, query);
  if (parts.length === 1) return <Highlighted text={text} />;
  return <>{parts.map((part, i) => (i % 2 ? <mark key={i}>{part}</mark> : part))}</>;
}

/**
 * Big bodies (and any body being searched): only the lines in view are in the DOM and highlighted,
 * so a 5 MB response opens at once and a search can scroll to its n-th match.
 */
function VirtualLines({
  lines,
  wrap,
  query,
  focusLine,
  label,
}: {
  lines: string[];
  wrap: boolean;
  query: string;
  focusLine: number | null;
  label: string;
}) {
  const scroller = useRef<HTMLPreElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read every render by design
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });
  // Wrapped lines differ in height: measure them again whenever wrapping changes.
  useEffect(() => virtualizer.measure(), [wrap, virtualizer]);
  useEffect(() => {
    if (focusLine !== null) virtualizer.scrollToIndex(focusLine, { align: 'center' });
  }, [focusLine, virtualizer]);
  return (
    <pre
      ref={scroller}
      className={`json json-lines ${wrap ? 'wrap' : ''}`}
      tabIndex={0}
      role="group"
      aria-label={label}
      data-testid="body-lines"
    >
      <code style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <span
            key={item.key}
            data-index={item.index}
            ref={wrap ? virtualizer.measureElement : undefined}
            className={`json-line ${item.index === focusLine ? 'current' : ''}`}
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <Line text={lines[item.index] ?? ''} query={query} />
          </span>
        ))}
      </code>
    </pre>
  );
}

/**
 * A JSON (or text) body with its size, a wrap toggle, search and Copy. Small bodies render as one
 * highlighted block; big ones, or any while searching, line by line as they scroll into view.
 */
export const JsonBlock = memo(function JsonBlock({ title, text }: { title: string; text: string | null }) {
  const [wrap, setWrap] = useState(false);
  const [search, setSearch] = useState('');
  const [at, setAt] = useState(0);
  const query = useDeferredValue(search.trim());
  const body = useMemo(() => (text === null ? null : bodyText(text)), [text]);
  const matches = useMemo(() => (body ? matchingLines(body.lines, query) : []), [body, query]);
  const searchId = useId();
  const current = matches.length > 0 ? (matches[Math.min(at, matches.length - 1)] ?? null) : null;

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

  return (
    <div className="json-block">
      <div className="json-head">
        <h4>{title}</h4>
        {text !== null && body && (
          <div className="json-tools">
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
      ) : query || isLargeBody(text, body.lines.length) ? (
        <VirtualLines lines={body.lines} wrap={wrap} query={query} focusLine={current} label={title} />
      ) : (
        // A labelled group: a bare <pre> may not carry aria-label, and it is a tab stop so keyboards can scroll it.
        <pre className={`json ${wrap ? 'wrap' : ''}`} tabIndex={0} role="group" aria-label={title}>
          <code>
            <Highlighted text={text} />
          </code>
        </pre>
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
