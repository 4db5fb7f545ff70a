import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { COLUMNS, DeliveryRow } from './DeliveryRow';
import { MOVE_KEYS, type MoveKey } from './historyQuery';
import { selectCount } from './historyStore';
import { useHistoryStore } from './stores';

export const ROW_HEIGHT = 36;

function useListKeys(pageRows: () => number, reveal: (index: number) => void) {
  const move = useHistoryStore((s) => s.move);
  const open = useHistoryStore((s) => s.open);
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (MOVE_KEYS.includes(e.key)) {
      e.preventDefault();
      const index = move(e.key as MoveKey, pageRows());
      if (index !== null) reveal(index);
    } else if (e.key === 'Enter') {
      const { selected } = useHistoryStore.getState();
      if (selected === null) return;
      e.preventDefault();
      open(selected);
    }
  };
}

/** Deliveries other processes recorded above the top row, offered rather than slipped in. */
function NewerBar({ onShow }: { onShow(): void }) {
  const newer = useHistoryStore((s) => s.newer);
  if (newer === 0) return null;
  return (
    <div className="history-newer" data-testid="history-newer">
      <span>
        {numberFormat.format(newer)} newer {newer === 1 ? 'delivery' : 'deliveries'}
      </span>
      <button type="button" className="secondary-button" onClick={onShow}>
        Show
      </button>
    </div>
  );
}

const numberFormat = new Intl.NumberFormat();

/** One tab stop over every recorded delivery: rows are virtual, and pages load as they come into view. */
export function DeliveryList({ active }: { active: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const count = useHistoryStore(selectCount);
  const query = useHistoryStore((s) => s.query);
  const selected = useHistoryStore((s) => s.selected);
  const ensureRange = useHistoryStore((s) => s.ensureRange);
  const open = useHistoryStore((s) => s.open);
  const showNewer = useHistoryStore((s) => s.showNewer);
  const setAtTop = useHistoryStore((s) => s.setAtTop);
  // Times are shown relative to today; re-read when the view is shown rather than on a timer.
  const [now, setNow] = useState(() => Date.now());

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read every render by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    ensureRange(first, last);
  }, [first, last, query, ensureRange]);

  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    scroller.current?.focus({ preventScroll: true });
  }, [active]);

  // A new filter starts at the top; a refresh or a push keeps the place.
  const filters = useHistoryStore((s) => s.filters);
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [filters, virtualizer]);

  const reveal = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    [virtualizer],
  );
  const onShowNewer = useCallback(() => {
    showNewer();
    virtualizer.scrollToOffset(0);
    // The bar goes away with its button: the keys stay in the list.
    scroller.current?.focus({ preventScroll: true });
  }, [showNewer, virtualizer]);
  const pageRows = () => Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT));
  const onKeyDown = useListKeys(pageRows, reveal);
  const pick = useCallback(
    (index: number) => {
      open(index);
      scroller.current?.focus({ preventScroll: true });
    },
    [open],
  );

  return (
    <>
      <NewerBar onShow={onShowNewer} />
      <div className="history-row history-head" aria-hidden="true">
        {COLUMNS.map((c) => (
          <span key={c} className="cell">
            {c}
          </span>
        ))}
      </div>
      <div
        ref={scroller}
        className="history-scroller"
        role="listbox"
        aria-label="Deliveries, newest first"
        aria-activedescendant={selected !== null ? `${idPrefix}-${selected}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        // Less than half a row down still counts as the top, where new deliveries may come in.
        onScroll={(e) => setAtTop(e.currentTarget.scrollTop < ROW_HEIGHT / 2)}
        data-testid="history-list"
      >
        <div className="history-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <DeliveryRow
              key={item.key}
              index={item.index}
              start={item.start}
              height={item.size}
              idPrefix={idPrefix}
              now={now}
              onPick={pick}
            />
          ))}
        </div>
      </div>
    </>
  );
}
