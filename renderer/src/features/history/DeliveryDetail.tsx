import { openInTester } from '../../commands';
import { Icon } from '../../ui/Icon';
import { modKey } from '../../ui/platform';
import { LifecyclePanel } from '../lifecycle';
import { useHistoryLifecycle, useHistoryStore } from './stores';

function Placeholder() {
  const opened = useHistoryStore((s) => s.opened);
  const retry = useHistoryStore((s) => s.retryOpen);
  if (opened?.status === 'loading') {
    return (
      <div className="outcome tone-info" role="status" data-testid="delivery-loading">
        <div className="spinner" aria-hidden="true" />
        <div className="outcome-body">
          <strong className="outcome-title">Loading the delivery…</strong>
        </div>
      </div>
    );
  }
  if (opened?.status === 'error') {
    return (
      <div className="outcome tone-danger" role="alert" data-testid="delivery-error">
        <div className="outcome-icon">
          <Icon name="error" />
        </div>
        <div className="outcome-body">
          <strong className="outcome-title">The delivery could not be loaded</strong>
          <p className="outcome-summary">{opened.error}</p>
          <div>
            <button type="button" className="secondary-button" onClick={retry}>
              <Icon name="refresh" /> Retry
            </button>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="empty" data-testid="delivery-empty">
      <div className="empty-art" aria-hidden="true">
        <Icon name="history" />
      </div>
      <p className="empty-title">Open a delivery to see its lifecycle</p>
      <p className="muted">
        Every request and response, paged <span className="kbd-inline">1 of N</span>, as it was when it was
        sent.
      </p>
      <p className="muted small">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> opens · <kbd>{modKey}</kbd> + <kbd>1</kbd> back to
        the Tester
      </p>
    </div>
  );
}

function OpenInTesterButton() {
  const record = useHistoryStore((s) => (s.opened?.status === 'ready' ? s.opened.record : null));
  if (!record) return null;
  return (
    <button
      type="button"
      className="ghost-button"
      onClick={() => openInTester(record.event)}
      title="Load this event into the Tester's editor"
      data-testid="open-in-tester"
    >
      <Icon name="open-in" /> Open in Tester
    </button>
  );
}

/** The opened delivery in the same paged viewer the Tester uses, with History's own store. */
export function DeliveryDetail() {
  return (
    <LifecyclePanel
      store={useHistoryLifecycle}
      placeholder={<Placeholder />}
      actions={<OpenInTesterButton />}
    />
  );
}
