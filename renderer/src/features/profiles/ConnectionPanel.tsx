import { Icon } from '../../ui/Icon';
import { useProfilesStore } from './profilesStore';

/** Test connection: a token, then today's usage; or the failure, what it means and what to do. */
export function ConnectionPanel({ profileId }: { profileId: string }) {
  const state = useProfilesStore((s) => s.tests.get(profileId));
  const test = useProfilesStore((s) => s.test);
  const report = state?.report ?? null;
  return (
    <div className="connection-panel" data-testid="connection-panel">
      <button
        type="button"
        className="secondary-button"
        disabled={state?.running}
        onClick={() => void test(profileId)}
        data-testid="test-connection"
      >
        {state?.running ? <span className="spinner small" aria-hidden="true" /> : <Icon name="refresh" />}{' '}
        Test connection
      </button>
      {report?.ok && report.usage && (
        <p className="connection-result tone-success" role="status" data-testid="connection-result">
          <Icon name="check" /> Connected in {report.durationMs} ms.{' '}
          <span data-testid="usage">
            {report.usage.total.toLocaleString('en-US')} of {report.usage.dailyQuota.toLocaleString('en-US')}{' '}
            API calls used today ({report.usage.left.toLocaleString('en-US')} left)
          </span>
          .
        </p>
      )}
      {report?.failure && (
        <div className="connection-result tone-danger" role="alert" data-testid="connection-result">
          <strong data-testid="connection-failure-title">
            <Icon name="error" /> {report.failure.title}
          </strong>
          <span className="muted"> at {report.failure.step}</span>
          <p>{report.failure.message}</p>
          {report.failure.hint && (
            <p className="hint" data-testid="connection-hint">
              {report.failure.hint}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
