import { CALL_TYPES } from '../../../../shared/segment/schemas';
import { Icon } from '../../ui/Icon';
import type { Verdict } from './debuggerStore';
import { useDebuggerStore, useSourcesStore } from './stores';

const VERDICTS: { id: Verdict; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'good', label: 'Good' },
  { id: 'bad', label: 'Bad' },
];

function CollectorAddress() {
  const status = useDebuggerStore((s) => s.status);
  if (!status) return null;
  return status.url ? (
    <span
      className="dbg-address"
      title={status.problem ?? 'Point apiHost / host here'}
      data-testid="collector-url"
    >
      <span className="dbg-live-dot" aria-hidden="true" /> {status.url}
    </span>
  ) : (
    <span className="dbg-address tone-danger" role="alert">
      {status.problem}
    </span>
  );
}

/** Opens the Sources panel; says how many sources forward, so forwarding is never silent. */
function SourcesButton() {
  const open = useSourcesStore((s) => s.open);
  const toggle = useSourcesStore((s) => s.toggle);
  const forwarding = useDebuggerStore((s) => s.sources.filter((x) => x.forwardTargetId !== null).length);
  return (
    <button
      type="button"
      className="secondary-button"
      onClick={toggle}
      aria-expanded={open}
      data-testid="sources-button"
    >
      <Icon name="inbox" /> Sources
      {forwarding > 0 && (
        <span
          className="dbg-forward on"
          title={`${forwarding} ${forwarding === 1 ? 'source forwards' : 'sources forward'} its events`}
          data-testid="sources-forwarding"
        >
          <Icon name="send" /> {forwarding}
        </span>
      )}
    </button>
  );
}

/** Pause/resume, the collector's address and the filters (source, type, event name, good/bad, keyword). */
export function DebuggerToolbar() {
  const filters = useDebuggerStore((s) => s.filters);
  const setFilter = useDebuggerStore((s) => s.setFilter);
  const sources = useDebuggerStore((s) => s.sources);
  const paused = useDebuggerStore((s) => s.paused);
  const held = useDebuggerStore((s) => s.held.length);
  const total = useDebuggerStore((s) => s.total);
  const togglePause = useDebuggerStore((s) => s.togglePause);
  return (
    <header className="view-bar dbg-bar">
      <h1 className="view-title">Debugger</h1>
      <CollectorAddress />
      <button type="button" className="secondary-button" onClick={togglePause} aria-pressed={paused}>
        <Icon name={paused ? 'play' : 'clock'} /> {paused ? `Resume${held ? ` (${held} new)` : ''}` : 'Pause'}
      </button>
      <SourcesButton />
      <select
        aria-label="Source"
        value={filters.source}
        onChange={(e) => setFilter('source', e.target.value)}
      >
        <option value="">All sources</option>
        {sources.map((s) => (
          <option key={s.writeKey} value={s.writeKey}>
            {s.name}
            {s.forwardTargetId !== null ? ' → forwarding' : ''}
          </option>
        ))}
      </select>
      <select aria-label="Type" value={filters.type} onChange={(e) => setFilter('type', e.target.value)}>
        <option value="">All types</option>
        {CALL_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <input
        aria-label="Event name"
        placeholder="Event"
        value={filters.event}
        onChange={(e) => setFilter('event', e.target.value)}
      />
      <div className="segmented" role="group" aria-label="Validation">
        {VERDICTS.map((v) => (
          <button
            key={v.id}
            type="button"
            className={`seg-button ${filters.verdict === v.id ? 'active' : ''}`}
            aria-pressed={filters.verdict === v.id}
            onClick={() => setFilter('verdict', v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <input
        type="search"
        aria-label="Search payloads"
        placeholder="Search"
        value={filters.search}
        onChange={(e) => setFilter('search', e.target.value)}
      />
      <span className="view-bar-spacer" />
      <span className="muted small" data-testid="debugger-count">
        {total.toLocaleString()} events
      </span>
    </header>
  );
}
