import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ReceivedEventSummary } from '../../../../shared/collector';
import { Icon } from '../../ui/Icon';
import { MAX_ROWS } from './debuggerStore';
import { useDebuggerStore } from './stores';

const ROW_HEIGHT = 34;
/** Rows left below the screen when the next older page is fetched, so scrolling rarely waits. */
const PREFETCH_ROWS = 100;
const TYPE_LETTER = new Map([
  ['track', 'T'],
  ['identify', 'I'],
  ['page', 'P'],
  ['screen', 'S'],
  ['group', 'G'],
  ['alias', 'A'],
]);

const EventRow = memo(function EventRow({
  event,
  start,
  selected,
  forwarding,
  onPick,
}: {
  event: ReceivedEventSummary;
  start: number;
  selected: boolean;
  /** The event's source forwards to a profile (the row says so beside the source). */
  forwarding: boolean;
  onPick: (id: number) => void;
}) {
  const time = new Date(event.arrivedAt).toLocaleTimeString(undefined, { hour12: false });
  return (
    <div
      role="option"
      aria-selected={selected}
      className={`dbg-row dbg-cols ${selected ? 'selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={() => onPick(event.id)}
      data-testid="debugger-row"
      data-event-id={event.id}
    >
      <span className={`dbg-type t-${event.type ?? 'none'}`} title={event.type ?? 'unreadable'}>
        {TYPE_LETTER.get(event.type ?? '') ?? '?'}
      </span>
      <span className="dbg-name">{event.eventName ?? event.type ?? '(unreadable body)'}</span>
      <span className="dbg-user mono">{event.userId ?? event.anonymousId ?? '—'}</span>
      <span className="dbg-source" title={`${event.sourceName}${forwarding ? ' (forwarding)' : ''}`}>
        {forwarding && <Icon name="send" />}
        {event.sourceName}
      </span>
      <span className="dbg-time mono">{time}</span>
      <span className={`dbg-verdict ${event.good ? 'good' : 'bad'}`}>{event.good ? 'Good' : 'Bad'}</span>
    </div>
  );
});

/** Column names over the list; the same grid as the rows, outside the scroller so it stays put. */
function ColumnHeaders() {
  return (
    <div className="dbg-head dbg-cols" role="presentation" data-testid="debugger-columns">
      <span aria-hidden="true" />
      <span>Event</span>
      <span>User</span>
      <span>Source</span>
      <span>Time</span>
      <span>Result</span>
    </div>
  );
}

/** The live stream, newest first; only the rows on screen are in the DOM. */
export function EventList() {
  const scroller = useRef<HTMLDivElement>(null);
  const items = useDebuggerStore((s) => s.items);
  const sources = useDebuggerStore((s) => s.sources);
  const forwarding = useMemo(
    () => new Set(sources.filter((s) => s.forwardTargetId !== null).map((s) => s.writeKey)),
    [sources],
  );
  const openedId = useDebuggerStore((s) => s.opened?.id ?? null);
  const open = useDebuggerStore((s) => s.open);
  const hasMore = useDebuggerStore((s) => s.hasMore);
  const loadOlder = useDebuggerStore((s) => s.loadOlder);
  const newerDropped = useDebuggerStore((s) => s.newerDropped);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read every render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 8,
  });
  // Read from the element itself: after a fresh list scrolled to the top, a stale offset would ask.
  const loadOlderNearEnd = useCallback(() => {
    const el = scroller.current;
    if (el && hasMore && el.scrollTop + el.clientHeight >= el.scrollHeight - PREFETCH_ROWS * ROW_HEIGHT)
      loadOlder();
  }, [hasMore, loadOlder]);
  useEffect(() => {
    loadOlderNearEnd();
  }, [loadOlderNearEnd, items.length]);
  useKeepPlaceWhenNewerDrop(scroller, newerDropped);
  const generation = useDebuggerStore((s) => s.generation);
  // A fresh list starts at its newest row (and does not fetch older pages for a scroll left over).
  useLayoutEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [generation]);
  return (
    <>
      <NewerDroppedNote />
      <ColumnHeaders />
      <div
        ref={scroller}
        className="dbg-scroller"
        role="listbox"
        aria-label="Received events, newest first"
        tabIndex={0}
        onScroll={loadOlderNearEnd}
        data-testid="debugger-list"
      >
        <div className="dbg-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const event = items[row.index];
            return event ? (
              <EventRow
                key={row.key}
                event={event}
                start={row.start}
                selected={event.id === openedId}
                forwarding={forwarding.has(event.writeKey)}
                onPick={open}
              />
            ) : null;
          })}
        </div>
      </div>
      <ListFooter />
    </>
  );
}

/** Rows let go from the top would move what the user is reading up by as many rows: move it back. */
function useKeepPlaceWhenNewerDrop(scroller: React.RefObject<HTMLDivElement | null>, dropped: number) {
  const before = useRef(dropped);
  useLayoutEffect(() => {
    const gone = dropped - before.current;
    before.current = dropped;
    if (gone > 0) scroller.current?.scrollBy({ top: -gone * ROW_HEIGHT });
  }, [dropped, scroller]);
}

/** Over the list once newer rows were let go for older ones: says so, and the way back. */
function NewerDroppedNote() {
  const dropped = useDebuggerStore((s) => s.newerDropped);
  const held = useDebuggerStore((s) => s.held.length);
  const load = useDebuggerStore((s) => s.load);
  if (dropped === 0) return null;
  return (
    <div className="dbg-note" role="status" data-testid="debugger-newer-dropped">
      <span>
        {dropped.toLocaleString()} newer events left the list to keep it at {MAX_ROWS.toLocaleString()} rows
        {held > 0 ? ` (${held.toLocaleString()} arrived since)` : ''}.
      </span>
      <button type="button" className="secondary-button" onClick={load}>
        Back to newest
      </button>
    </div>
  );
}

/** Under the list: how much of the matches it holds, and the way to older ones or the end. */
function ListFooter() {
  const shown = useDebuggerStore((s) => s.items.length);
  const total = useDebuggerStore((s) => s.total);
  const hasMore = useDebuggerStore((s) => s.hasMore);
  const loadingOlder = useDebuggerStore((s) => s.loadingOlder);
  const loadOlder = useDebuggerStore((s) => s.loadOlder);
  const newerDropped = useDebuggerStore((s) => s.newerDropped);
  if (shown === 0) return null;
  return (
    <div className="dbg-footer" data-testid="debugger-footer">
      <span role="status" data-testid="debugger-loaded">
        {hasMore
          ? `Showing ${shown.toLocaleString()} of ${Math.max(total, shown).toLocaleString()} matching events`
          : newerDropped > 0
            ? 'Reached the oldest matching event'
            : 'All matching events loaded'}
      </span>
      {hasMore && (
        // Not disabled while loading: a disabled button would drop the keyboard focus.
        <button type="button" className="secondary-button" onClick={loadOlder} aria-busy={loadingOlder}>
          {loadingOlder ? 'Loading older events…' : 'Load older events'}
        </button>
      )}
    </div>
  );
}
