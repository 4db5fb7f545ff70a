import { Icon } from '../../ui/Icon';
import { modKey } from '../../ui/platform';
import { sendDraft } from '../../commands';
import { selectSendBlockReason, useDraftStore } from '../editor';
import { useLifecycleStore } from '../lifecycle';
import { useTargetsStore } from './targetsStore';
import './send.css';

export function TopBar() {
  const blockReason = useDraftStore(selectSendBlockReason);
  const sending = useLifecycleStore((s) => s.phase === 'sending');
  const dryRunning = useLifecycleStore((s) => s.phase === 'sending' && s.dryRun);
  const targetsStatus = useTargetsStore((s) => s.status);
  const targets = useTargetsStore((s) => s.targets);
  const selectedId = useTargetsStore((s) => s.selectedId);
  const select = useTargetsStore((s) => s.select);

  const noTarget = targetsStatus !== 'ready' || !selectedId;
  const disabledReason = blockReason ?? (noTarget ? 'Choose a target to send to' : null);
  const disabled = disabledReason !== null || sending;

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-name">Event Tester</span>
        <span className="brand-sub">for Marketo</span>
      </div>

      <label className="target-picker">
        <span className="target-label">
          <Icon name="target" /> Target
        </span>
        {targetsStatus === 'loading' ? (
          <span className="skeleton-pill" aria-label="Loading targets" />
        ) : (
          <select
            value={selectedId ?? ''}
            onChange={(e) => select(e.target.value)}
            disabled={targets.length === 0}
            aria-label="Target"
            data-testid="target-select"
          >
            {targets.length === 0 && <option value="">No targets</option>}
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.kind === 'marketo' && !t.secretSet ? ' (no secret)' : ''}
              </option>
            ))}
          </select>
        )}
      </label>

      <div className="topbar-spacer" />

      <p
        className={`send-reason ${disabledReason ? 'visible' : ''}`}
        id="send-reason"
        role="status"
        data-testid="send-reason"
        title={disabledReason ?? undefined}
      >
        {disabledReason && (
          <>
            <Icon name="warning" /> <span>{disabledReason}</span>
          </>
        )}
      </p>

      <button
        type="button"
        className="secondary-button"
        onClick={() => void sendDraft(true)}
        disabled={disabled}
        aria-describedby={disabledReason ? 'send-reason' : undefined}
        title="Plan the Marketo calls without sending anything"
      >
        {dryRunning ? <span className="spinner small" aria-hidden="true" /> : <Icon name="play" />} Dry run
      </button>
      <button
        type="button"
        className="primary-button"
        onClick={() => void sendDraft(false)}
        disabled={disabled}
        aria-describedby={disabledReason ? 'send-reason' : undefined}
        title={`Send (${modKey}+Enter)`}
        data-testid="send-button"
      >
        {sending && !dryRunning ? (
          <span className="spinner small" aria-hidden="true" />
        ) : (
          <Icon name="send" />
        )}
        {sending && !dryRunning ? 'Sending…' : 'Send'}
        <kbd className="shortcut">{modKey} ↵</kbd>
      </button>
    </header>
  );
}
