import { useEffect, useRef } from 'react';
import type { CollectorSource } from '../../../../shared/collector';
import type { ProfileSummary } from '../../../../shared/profiles';
import { Icon } from '../../ui/Icon';
import { useProfilesStore } from '../profiles';
import { forwardLabel } from './sourcesStore';
import { useDebuggerStore, useSourcesStore } from './stores';

function SourceRow({ source, profiles }: { source: CollectorSource; profiles: ProfileSummary[] }) {
  const draft = useSourcesStore((s) => s.drafts.get(source.writeKey));
  const busy = useSourcesStore((s) => s.busy === source.writeKey);
  const editName = useSourcesStore((s) => s.editName);
  const rename = useSourcesStore((s) => s.rename);
  const requestForward = useSourcesStore((s) => s.requestForward);
  const profile = (id: string) => profiles.find((p) => p.id === id) ?? null;
  const forwarding = source.forwardTargetId !== null;
  return (
    <tr data-testid="source-row" data-write-key={source.writeKey}>
      <td>
        <form
          className="dbg-source-name"
          onSubmit={(e) => {
            e.preventDefault();
            void rename(source);
          }}
        >
          <input
            aria-label={`Name of ${source.writeKey || 'the source without a write key'}`}
            value={draft ?? source.name}
            maxLength={100}
            onChange={(e) => editName(source.writeKey, e.target.value)}
          />
          <button
            type="submit"
            className="secondary-button"
            disabled={busy || draft === undefined || draft.trim() === '' || draft.trim() === source.name}
          >
            Rename
          </button>
        </form>
      </td>
      <td className="mono muted">{source.writeKey || '(none)'}</td>
      <td className="num">{source.events.toLocaleString()}</td>
      <td>
        <select
          aria-label={`Forward ${source.name} to`}
          value={source.forwardTargetId ?? ''}
          disabled={busy}
          onChange={(e) => void requestForward(source, e.target.value === '' ? null : e.target.value)}
        >
          <option value="">Off</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.production ? ' (production)' : ''}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span
          className={`dbg-forward ${forwarding ? 'on' : 'off'}`}
          data-testid="source-forwarding"
          title={forwardLabel(source, profile)}
        >
          <Icon name={forwarding ? 'send' : 'skip'} /> {forwardLabel(source, profile)}
        </span>
      </td>
    </tr>
  );
}

/** Asks before a source's events flow, unattended, into a production instance. */
function ForwardConfirm() {
  const pending = useSourcesStore((s) => s.pending);
  const answer = useSourcesStore((s) => s.answer);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Cancel has the focus, so Enter alone never starts forwarding to production.
    if (pending) cancel.current?.focus();
  }, [pending]);
  if (!pending) return null;
  const { profile, sourceName } = pending;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && void answer(false)}>
      <div
        className="modal production-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="forward-confirm-title"
        data-testid="forward-confirm"
        style={{ borderTopColor: profile.color }}
      >
        <h2 id="forward-confirm-title">
          <Icon name="warning" /> Forward {sourceName} to production: {profile.name}?
        </h2>
        <p>
          Every good event this source sends from now on is delivered to {profile.endpoint} with no further
          confirmation, each using Marketo API calls counted against the daily quota of{' '}
          {profile.dailyQuota.toLocaleString('en-US')}.
        </p>
        <div className="modal-actions">
          <button type="button" className="secondary-button" ref={cancel} onClick={() => void answer(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="danger-button"
            onClick={() => void answer(true)}
            data-testid="confirm-forward"
          >
            <Icon name="send" /> Forward to production
          </button>
        </div>
      </div>
    </div>
  );
}

/** Every source (write key) seen: rename it, and forward its events to a profile or not. */
export function SourcesPanel() {
  const open = useSourcesStore((s) => s.open);
  const error = useSourcesStore((s) => s.error);
  const sources = useDebuggerStore((s) => s.sources);
  const profiles = useProfilesStore((s) => s.profiles);
  if (!open) return <ForwardConfirm />;
  return (
    <section className="dbg-sources" aria-label="Sources" data-testid="debugger-sources">
      {error && (
        <p className="tone-danger small" role="alert">
          {error}
        </p>
      )}
      {sources.length === 0 ? (
        <p className="muted small">No source has sent an event yet; one appears per write key.</p>
      ) : (
        <table className="dbg-sources-table">
          <thead>
            <tr>
              <th>Source</th>
              <th>Write key</th>
              <th className="num">Events</th>
              <th>Forward to</th>
              <th>Forwarding</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => (
              <SourceRow key={source.writeKey} source={source} profiles={profiles} />
            ))}
          </tbody>
        </table>
      )}
      <ForwardConfirm />
    </section>
  );
}
