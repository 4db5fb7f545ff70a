import { useEffect, useRef } from 'react';
import { Icon } from '../../ui/Icon';
import { useConfirmStore } from './confirmStore';

/** Asks before anything is sent to a production profile, listing the API calls it will use. */
export function ProductionConfirm() {
  const request = useConfirmStore((s) => s.request);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Cancel has the focus, so Enter alone never sends to production.
    if (request) cancel.current?.focus();
  }, [request]);
  if (!request) return null;
  const { profile, calls, usedToday, answer } = request;
  const left = usedToday === null ? null : Math.max(0, profile.dailyQuota - usedToday);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && answer(false)}>
      <div
        className="modal production-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="production-confirm-title"
        data-testid="production-confirm"
        style={{ borderTopColor: profile.color }}
      >
        <h2 id="production-confirm-title">
          <Icon name="warning" /> Send to production: {profile.name}?
        </h2>
        <p>
          This send makes up to <strong data-testid="confirm-call-count">{calls.length}</strong>{' '}
          {calls.length === 1 ? 'call' : 'calls'} to {profile.endpoint}, counted against the daily quota of{' '}
          {profile.dailyQuota.toLocaleString('en-US')}
          {left !== null ? ` (${left.toLocaleString('en-US')} left today)` : ''}. The token request is skipped
          while a cached token is valid and is not counted.
        </p>
        <ol className="confirm-calls">
          {calls.map((call, i) => (
            <li key={i}>
              <code>
                {call.method} {call.path.split('?')[0]}
              </code>{' '}
              <span className="muted">{call.note}</span>
            </li>
          ))}
        </ol>
        <div className="modal-actions">
          <button type="button" className="secondary-button" ref={cancel} onClick={() => answer(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="danger-button"
            onClick={() => answer(true)}
            data-testid="confirm-send"
          >
            <Icon name="send" /> Send to production
          </button>
        </div>
      </div>
    </div>
  );
}
