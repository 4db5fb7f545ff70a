import type { DeliveryResult } from '../../../../shared/interaction';
import { Icon, type IconName } from '../../ui/Icon';
import { deriveOutcome, type Tone } from './outcome';

export const TONE_ICONS: Record<Tone, IconName> = {
  success: 'check',
  warning: 'warning',
  danger: 'error',
  neutral: 'skip',
  info: 'info',
};

export function OutcomeBanner({ result }: { result: DeliveryResult }) {
  const view = deriveOutcome(result);
  return (
    // Not a live region itself: the app's one live region announces the outcome (announcements.ts);
    // focusable so focus can land here after Send.
    <div className={`outcome tone-${view.tone}`} tabIndex={-1} data-testid="outcome">
      <div className="outcome-icon">
        <Icon name={TONE_ICONS[view.tone]} />
      </div>
      <div className="outcome-body">
        <div className="outcome-title-row">
          <strong className="outcome-title" data-testid="outcome-title">
            {view.title}
          </strong>
          {view.code && <span className="chip mono">code {view.code}</span>}
        </div>
        <p className="outcome-summary" data-testid="outcome-reason">
          {view.summary}
        </p>
        {view.hint && (
          <p className="outcome-hint">
            <span className="hint-label">What to do</span> {view.hint}
          </p>
        )}
        {view.noRequests && result.outcome !== 'planned' && (
          <p className="outcome-note" data-testid="no-requests">
            No requests were sent.
          </p>
        )}
        {result.readBack && (
          <table className="outcome-readback" data-testid="read-back" aria-label="Read back from Marketo">
            <caption>
              {result.readBack.found
                ? `Read back: activity ${result.readBack.activityId ?? ''} as Marketo stored it`
                : 'Read back: not listed by Marketo yet'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Sent</th>
                <th scope="col">Stored</th>
                <th scope="col">Match</th>
              </tr>
            </thead>
            <tbody>
              {result.readBack.fields.map((f) => (
                <tr key={f.name} className={f.match ? 'same' : 'diff'}>
                  <th scope="row">{f.name}</th>
                  <td>{JSON.stringify(f.sent)}</td>
                  <td>{JSON.stringify(f.stored)}</td>
                  <td>{f.match ? 'same' : 'differs'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view.warnings.length > 0 && (
          <ul className="outcome-warnings" aria-label="Warnings">
            {view.warnings.map((w, i) => (
              <li key={i}>
                <Icon name="warning" /> {w}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
