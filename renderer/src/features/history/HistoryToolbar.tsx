import { Icon } from '../../ui/Icon';
import { outcomeChip } from '../lifecycle';
import { OUTCOME_FILTERS, PERIODS, SOURCE_FILTERS } from './historyQuery';
import { MAX_SEARCH, selectCount } from './historyStore';
import { useHistoryStore } from './stores';

const numberFormat = new Intl.NumberFormat();

function OutcomeFilter() {
  const selected = useHistoryStore((s) => s.filters.outcomes);
  const toggle = useHistoryStore((s) => s.toggleOutcome);
  return (
    <div className="filter-group" role="group" aria-label="Outcome">
      {OUTCOME_FILTERS.map((outcome) => {
        const { label, tone } = outcomeChip(outcome);
        const on = selected.includes(outcome);
        return (
          <button
            key={outcome}
            type="button"
            className={`filter-chip tone-${tone} ${on ? 'on' : ''}`}
            aria-pressed={on}
            onClick={() => toggle(outcome)}
          >
            <span className="filter-dot" aria-hidden="true" />
            {label}
          </button>
        );
      })}
    </div>
  );
}

function SourceFilter() {
  const selected = useHistoryStore((s) => s.filters.sources);
  const toggle = useHistoryStore((s) => s.toggleSource);
  return (
    <div className="filter-group" role="group" aria-label="Source">
      {/* The group's name, seen: source names alone (app, cli) read as outcomes would not. */}
      <span className="filter-label" aria-hidden="true">
        from
      </span>
      {SOURCE_FILTERS.map((source) => {
        const on = selected.includes(source.id);
        return (
          <button
            key={source.id}
            type="button"
            className={`filter-chip ${on ? 'on' : ''}`}
            aria-pressed={on}
            title={source.title}
            onClick={() => toggle(source.id)}
          >
            {source.label}
          </button>
        );
      })}
    </div>
  );
}

function EventSearch() {
  const text = useHistoryStore((s) => s.searchText);
  const setText = useHistoryStore((s) => s.setSearchText);
  return (
    <input
      type="search"
      className="history-search"
      aria-label="Event name contains"
      placeholder="Event name contains"
      maxLength={MAX_SEARCH}
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}

function PeriodFilter() {
  const period = useHistoryStore((s) => s.filters.period);
  const setPeriod = useHistoryStore((s) => s.setPeriod);
  return (
    <div className="segmented" role="group" aria-label="Period">
      {PERIODS.map((p) => (
        <button
          key={p.id}
          type="button"
          className={`seg-button ${period === p.id ? 'active' : ''}`}
          aria-pressed={period === p.id}
          onClick={() => setPeriod(p.id)}
        >
          {p.label}
        </button>
      ))}
    </div>
  );
}

export function HistoryToolbar() {
  const count = useHistoryStore(selectCount);
  const status = useHistoryStore((s) => s.status);
  const refreshing = useHistoryStore((s) => s.pagesQuery !== s.query && s.status !== 'error');
  const refresh = useHistoryStore((s) => s.refresh);
  return (
    <header className="view-bar history-bar">
      <h1 className="view-title">History</h1>
      <OutcomeFilter />
      <SourceFilter />
      <EventSearch />
      <PeriodFilter />
      <div className="view-bar-spacer" />
      <span className="history-count" aria-live="polite" data-testid="history-count">
        {status === 'ready' ? `${numberFormat.format(count)} ${count === 1 ? 'delivery' : 'deliveries'}` : ''}
      </span>
      <button
        type="button"
        className="secondary-button"
        onClick={refresh}
        disabled={refreshing}
        title="Show deliveries recorded since (also by the CLI and suite runs)"
      >
        {refreshing ? <span className="spinner small" aria-hidden="true" /> : <Icon name="refresh" />}
        Refresh
      </button>
    </header>
  );
}
