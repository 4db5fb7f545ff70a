import { memo } from 'react';
import { outcomeChip } from '../lifecycle';
import { describeCall, formatDuration, formatWhen } from './historyQuery';
import { rowAt } from './historyStore';
import { useHistoryStore } from './stores';

/** The list's columns, shared by the header and every row so they line up. */
export const COLUMNS = ['Time', 'Outcome', 'Event', 'Code', 'Calls', 'Duration', 'Source', 'Target'] as const;

export const DeliveryRow = memo(function DeliveryRow({
  index,
  start,
  height,
  idPrefix,
  now,
  onPick,
}: {
  index: number;
  start: number;
  height: number;
  idPrefix: string;
  now: number;
  onPick(index: number): void;
}) {
  const row = useHistoryStore((s) => rowAt(s, index));
  const selected = useHistoryStore((s) => s.selected === index);
  const opened = useHistoryStore((s) => row !== null && s.opened?.id === row.id);
  const count = useHistoryStore((s) => s.head.length + s.total);
  const style = { height, transform: `translateY(${start}px)` };
  const common = {
    id: `${idPrefix}-${index}`,
    role: 'option',
    'aria-selected': selected,
    'aria-setsize': count,
    'aria-posinset': index + 1,
    style,
  } as const;

  if (!row) {
    return (
      <div {...common} className="history-row loading" aria-busy="true" aria-label="Loading">
        <span className="skeleton-line" />
      </div>
    );
  }
  const chip = outcomeChip(row.outcome);
  return (
    <div
      {...common}
      className={`history-row ${selected ? 'selected' : ''} ${opened ? 'opened' : ''}`}
      data-testid="history-row"
      data-outcome={row.outcome}
      onClick={() => onPick(index)}
    >
      <span className="cell time" title={new Date(row.startedAt).toLocaleString()}>
        {formatWhen(row.startedAt, now)}
      </span>
      <span className="cell">
        <span className={`chip tone-${chip.tone}`} data-testid="history-outcome">
          {chip.label}
        </span>
      </span>
      <span className="cell event" title={[describeCall(row), row.reason].filter(Boolean).join('\n')}>
        {describeCall(row)}
      </span>
      <span className="cell mono code" data-testid="history-code" title={row.code ?? undefined}>
        {row.code ?? ''}
      </span>
      <span className="cell num">{row.calls}</span>
      <span className="cell num">{formatDuration(row.durationMs)}</span>
      <span className="cell dim">{row.source}</span>
      <span className="cell dim target">{row.targetId}</span>
    </div>
  );
});
