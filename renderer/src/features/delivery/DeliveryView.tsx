import { useCallback } from 'react';
import { Icon } from '../../ui/Icon';
import { useOnShow } from '../../ui/useOnShow';
import { DeliveryToolbar } from './DeliveryToolbar';
import { IssuePane } from './IssuePane';
import { IssuesList } from './IssuesList';
import { useRenderMarks } from './renderMarks';
import { SummaryCards } from './SummaryCards';
import { TrendsSection } from './TrendsSection';
import { useDeliveryStore } from './stores';
import './delivery.css';

function Problems() {
  const status = useDeliveryStore((s) => s.status);
  const error = useDeliveryStore((s) => s.error);
  const exportError = useDeliveryStore((s) => s.exportError);
  const refresh = useDeliveryStore((s) => s.refresh);
  const message = status === 'error' ? error : exportError;
  if (!message) return null;
  return (
    <div className="banner tone-danger delivery-error" role="alert" data-testid="delivery-error">
      <Icon name="error" />
      <span>{message}</span>
      {status === 'error' && (
        <button type="button" className="ghost-button" onClick={refresh}>
          Retry
        </button>
      )}
    </div>
  );
}

/** Event Delivery: the period's summary, its trends and its issues, each issue with examples. */
export function DeliveryView({ active }: { active: boolean }) {
  const refresh = useDeliveryStore((s) => s.refresh);
  const ready = useDeliveryStore((s) => s.overview !== null);
  // Which load is on screen, once its summary, trends and issues are all in: the bench and tests wait on it.
  const settled = useDeliveryStore((s) =>
    s.status === 'ready' && s.issuesStatus === 'ready' ? s.load : null,
  );
  useRenderMarks(useDeliveryStore);
  // Deliveries from other processes (the CLI, suite runs) and new sends arrive no other way.
  useOnShow(
    active,
    useCallback(() => refresh(), [refresh]),
  );
  return (
    <div
      className="delivery-view"
      data-testid="delivery-view"
      data-ready={ready ? 'true' : undefined}
      data-settled-load={settled ?? undefined}
    >
      <DeliveryToolbar />
      <Problems />
      <div className="delivery-workspace">
        <div className="delivery-scroll">
          <SummaryCards />
          <TrendsSection />
          <IssuesList />
        </div>
        <IssuePane />
      </div>
    </div>
  );
}
