import { useCallback, useEffect } from 'react';
import { useOnShow } from '../../ui/useOnShow';
import { Icon } from '../../ui/Icon';
import { modKey } from '../../ui/platform';
import { useAppStore } from '../app';
import { DeliveryDetail } from './DeliveryDetail';
import { DeliveryList } from './DeliveryList';
import { HistoryToolbar } from './HistoryToolbar';
import { isFiltered } from './historyQuery';
import { selectCount } from './historyStore';
import { watchForNewer } from './newerWatch';
import { useHistoryStore } from './stores';
import './history.css';

function NotRecordingBanner() {
  const problem = useAppStore((s) => s.historyProblem);
  if (!problem) return null;
  return (
    <div className="banner tone-warning history-banner" role="alert" data-testid="history-problem">
      <Icon name="warning" />
      <span>
        <strong>History is not being recorded.</strong> {problem}
      </span>
    </div>
  );
}

function ListState() {
  const status = useHistoryStore((s) => s.status);
  const error = useHistoryStore((s) => s.error);
  const count = useHistoryStore(selectCount);
  const filtered = useHistoryStore((s) => isFiltered(s.filters));
  const refresh = useHistoryStore((s) => s.refresh);
  const clearFilters = useHistoryStore((s) => s.clearFilters);

  if (status === 'loading' && count === 0) {
    return (
      <div className="history-skeleton" role="progressbar" aria-label="Loading deliveries">
        {[70, 52, 64, 58, 76, 46].map((w, i) => (
          <div key={i} className="skeleton-line" style={{ width: `${w}%` }} />
        ))}
      </div>
    );
  }
  if (status === 'error' && count === 0) {
    return (
      <div className="empty" role="alert" data-testid="history-error">
        <div className="empty-art danger" aria-hidden="true">
          <Icon name="error" />
        </div>
        <p className="empty-title">History could not be loaded</p>
        <p className="muted">{error}</p>
        <button type="button" className="secondary-button" onClick={refresh}>
          <Icon name="refresh" /> Retry
        </button>
      </div>
    );
  }
  if (status === 'ready' && count === 0) {
    return filtered ? (
      <div className="empty" data-testid="history-empty">
        <p className="empty-title">No deliveries match these filters</p>
        <button type="button" className="secondary-button" onClick={clearFilters}>
          Show all deliveries
        </button>
      </div>
    ) : (
      <div className="empty" data-testid="history-empty">
        <div className="empty-art" aria-hidden="true">
          <Icon name="inbox" />
        </div>
        <p className="empty-title">No deliveries yet</p>
        <p className="muted">
          Send an event from the Tester (<kbd>{modKey}</kbd> + <kbd>1</kbd>, then <kbd>{modKey}</kbd> +{' '}
          <kbd>Enter</kbd>) or with <code className="kbd-inline">event-tester send</code>: every delivery is
          recorded here with its requests and responses.
        </p>
      </div>
    );
  }
  return null;
}

function InlineError() {
  const status = useHistoryStore((s) => s.status);
  const error = useHistoryStore((s) => s.error);
  const count = useHistoryStore(selectCount);
  const refresh = useHistoryStore((s) => s.refresh);
  if (status !== 'error' || count === 0) return null;
  return (
    <div className="banner tone-danger history-inline-error" role="alert">
      <Icon name="error" />
      <span>{error}</span>
      <button type="button" className="ghost-button" onClick={refresh}>
        Retry
      </button>
    </div>
  );
}

/** Every recorded delivery, newest first, with the opened one's lifecycle beside the list. */
export function HistoryView({ active }: { active: boolean }) {
  const refresh = useHistoryStore((s) => s.refresh);
  // Deliveries from other processes (the CLI, suite runs) arrive no other way.
  useOnShow(
    active,
    useCallback(() => refresh(), [refresh]),
  );
  // ... so while it is shown, it looks for them now and then, and says when there are some.
  const checkNewer = useHistoryStore((s) => s.checkNewer);
  useEffect(() => {
    if (!active) return;
    return watchForNewer(() => void checkNewer(), { window, document });
  }, [active, checkNewer]);
  return (
    <div className="history-view stacking-view" data-testid="history-view">
      <HistoryToolbar />
      <NotRecordingBanner />
      <div className="history-workspace stacking-panes">
        <section className="pane history-pane" aria-label="Deliveries">
          <InlineError />
          <DeliveryList active={active} />
          <ListState />
        </section>
        <DeliveryDetail />
      </div>
    </div>
  );
}
