import { Icon } from '../../ui/Icon';
import { selectActiveProfile, useProfilesStore } from '../profiles';
import { runFraction } from './caseView';
import { cancelRun, runCases, showPastRun, useSuitesStore } from './suiteStore';

function Progress() {
  const run = useSuitesStore((s) => s.run);
  if (run.phase === 'idle') return null;
  const c = run.counts;
  const fraction = runFraction(c);
  return (
    <div
      className="run-progress"
      data-testid="run-progress"
      data-phase={run.phase}
      data-status={run.status ?? ''}
    >
      <div
        className="run-bar"
        role="progressbar"
        aria-label="Suite run"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div
          className={`run-bar-fill ${c && c.failed > 0 ? 'has-failed' : ''}`}
          style={{ width: `${fraction * 100}%` }}
        />
      </div>
      {c && (
        <p className="run-counts" data-testid="run-counts">
          <span>{c.executed} executed</span> · <span className="count-passed">{c.passed} passed</span> ·{' '}
          <span className={c.failed > 0 ? 'count-failed' : undefined}>{c.failed} failed</span> ·{' '}
          <span>{c.skipped} skipped</span> <span className="muted">of {c.total}</span>
          {run.status && run.phase === 'done' && (
            <strong className="run-status" data-testid="run-status">
              {' '}
              — {run.status}
            </strong>
          )}
        </p>
      )}
      {run.error && (
        <p className="tone-danger" role="alert">
          {run.error}
        </p>
      )}
    </div>
  );
}

function PastRuns() {
  const runs = useSuitesStore((s) => s.runs);
  if (runs.length === 0) return null;
  return (
    <details className="past-runs" data-testid="past-runs">
      <summary>Past runs ({runs.length})</summary>
      <ol>
        {runs.map((r) => (
          <li key={r.id}>
            <button type="button" className="ghost-button" onClick={() => void showPastRun(r.id)}>
              <span
                className={`chip tone-${r.status === 'passed' ? 'success' : r.status === 'failed' ? 'danger' : 'neutral'}`}
              >
                {r.status}
              </span>{' '}
              {r.suiteName} · {r.counts.passed}/{r.counts.total} passed ·{' '}
              <time dateTime={r.startedAt}>{new Date(r.startedAt).toLocaleString()}</time>
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Run all or the selected cases against the active profile, the progress, Cancel, past runs. */
export function RunPanel() {
  const suite = useSuitesStore((s) => s.suite);
  const phase = useSuitesStore((s) => s.run.phase);
  const profile = useProfilesStore(selectActiveProfile);
  const busy = phase === 'running' || phase === 'cancelling';
  const cannot = !suite || suite.cases.length === 0 || !profile || busy;
  return (
    <section className="suite-run" aria-label="Run">
      <div className="run-actions">
        <button
          type="button"
          className="primary-button"
          disabled={cannot}
          onClick={() => void runCases(false)}
          data-testid="run-all"
        >
          <Icon name="play" /> Run all
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={cannot}
          onClick={() => void runCases(true)}
          data-testid="run-selected"
        >
          Run selected
        </button>
        {busy && (
          <button
            type="button"
            className="secondary-button"
            disabled={phase === 'cancelling'}
            onClick={() => void cancelRun()}
            data-testid="run-cancel"
          >
            <Icon name="close" /> {phase === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        <span className="muted run-target">against {profile ? profile.name : 'no profile'}</span>
      </div>
      <Progress />
      <PastRuns />
    </section>
  );
}
