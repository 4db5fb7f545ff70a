import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { ReceivedEventSummary } from '../../../../shared/collector';
import { Icon } from '../../ui/Icon';
import { useDebuggerStore } from './stores';

const ROW_HEIGHT = 34;
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
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read every render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 8,
  });
  return (
    <>
      <ColumnHeaders />
      <div
        ref={scroller}
        className="dbg-scroller"
        role="listbox"
        aria-label="Received events, newest first"
        tabIndex={0}
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
    </>
  );
}
