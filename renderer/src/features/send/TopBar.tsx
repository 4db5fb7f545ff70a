import { useState } from 'react';
import { Icon } from '../../ui/Icon';
import { isMac, modKey } from '../../ui/platform';
import { useSettledAnnouncement } from '../../ui/useSettledAnnouncement';
import { sendDraft } from '../../commands';
import { selectSendBlockReason, useDraftStore } from '../editor';
import { useLifecycleStore } from '../lifecycle';
import { ActiveProfile, ProductionConfirm, selectActiveProfile, useProfilesStore } from '../profiles';
import { SuiteDraftActions } from '../suites';
import './send.css';

export function TopBar() {
  const blockReason = useDraftStore(selectSendBlockReason);
  const sending = useLifecycleStore((s) => s.phase === 'sending');
  const dryRunning = useLifecycleStore((s) => s.phase === 'sending' && s.dryRun);
  const profile = useProfilesStore(selectActiveProfile);
  const profileReason = !profile
    ? 'Choose a profile to send to'
    : !profile.secretSet
      ? `Add the client id and secret to “${profile.name}” in Profiles`
      : null;
  const disabledReason = blockReason ?? profileReason;
  // Heard once it settles (not on every keystroke), besides being Send's description.
  useSettledAnnouncement(disabledReason);
  const disabled = disabledReason !== null || sending;
  const [verify, setVerify] = useState(false);

  return (
    <header className="topbar">
      <div className="brand">
        <h1 className="brand-name">Event Tester</h1>
        <span className="brand-sub">for Marketo</span>
      </div>

      <ActiveProfile />

      <div className="topbar-spacer" />

      {/* Not a live region: it changed with nearly every keystroke and was read out each time. The
          reason is Send's and Dry run's description, heard when either is focused. */}
      <p
        className={`send-reason ${disabledReason ? 'visible' : ''}`}
        id="send-reason"
        data-testid="send-reason"
        title={disabledReason ?? undefined}
      >
        {disabledReason && (
          <>
            <Icon name="warning" /> <span>{disabledReason}</span>
          </>
        )}
      </p>

      <SuiteDraftActions disabled={blockReason !== null} />
      <button
        type="button"
        className="secondary-button"
        onClick={() => void sendDraft(true)}
        disabled={disabled}
        aria-describedby={disabledReason ? 'send-reason' : undefined}
        title={`Plan the Marketo calls without sending anything (${modKey}+Shift+Enter)`}
        aria-keyshortcuts={isMac ? 'Meta+Shift+Enter' : 'Control+Shift+Enter'}
      >
        {dryRunning ? <span className="spinner small" aria-hidden="true" /> : <Icon name="play" />} Dry run
      </button>
      <label
        className="verify-toggle"
        title="After sending, read the activity back from Marketo and compare it"
      >
        <input
          type="checkbox"
          checked={verify}
          onChange={(e) => setVerify(e.target.checked)}
          data-testid="verify-toggle"
        />{' '}
        Verify
      </label>
      <button
        type="button"
        className="primary-button"
        onClick={() => void sendDraft(false, verify)}
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
      <ProductionConfirm />
    </header>
  );
}
