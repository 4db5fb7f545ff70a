import type { DeliveryResult } from '../../../../shared/interaction';
import { Icon, type IconName } from '../../ui/Icon';
import { deriveOutcome, type Tone } from './outcome';

const TONE_ICONS: Record<Tone, IconName> = {
  success: 'check',
  warning: 'warning',
  danger: 'error',
  neutral: 'skip',
  info: 'info',
};

export function OutcomeBanner({ result }: { result: DeliveryResult }) {
  const view = deriveOutcome(result);
  return (
    <div className={`outcome tone-${view.tone}`} role="status" aria-live="polite" data-testid="outcome">
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
