import type { PlannedCall } from '../../../../shared/interaction';
import { Icon } from '../../ui/Icon';
import { JsonBlock } from '../../ui/JsonBlock';
import { prettyBody, stepLabel } from './outcome';

/** A dry run's calls in order: the ones to make numbered, the ones the caches save greyed with why. */
export function PlanView({ plan }: { plan: PlannedCall[] }) {
  let number = 0;
  return (
    <ol className="plan" aria-label="Planned calls" data-testid="plan">
      {plan.map((call, i) =>
        call.skipped !== undefined ? (
          <li key={i} className="plan-call skipped" data-testid="plan-skipped">
            <div className="plan-head">
              <span className="plan-index">
                <Icon name="skip" />
              </span>
              <h3 className="plan-step">{stepLabel(call.step)}</h3>
            </div>
            <p className="request-line">
              <span className="method">{call.method}</span>
              <code className="url">{call.path}</code>
            </p>
            <p className="small plan-skip-reason">{call.skipped}</p>
          </li>
        ) : (
          <li key={i} className="plan-call">
            <div className="plan-head">
              <span className="plan-index">{++number}</span>
              <h3 className="plan-step">{stepLabel(call.step)}</h3>
            </div>
            <p className="request-line">
              <span className={`method m-${call.method.toLowerCase()}`}>{call.method}</span>
              <code className="url">{call.path}</code>
            </p>
            <p className="muted small">{call.note}</p>
            {call.body !== undefined && <JsonBlock title="Body" text={prettyBody(call.body)} />}
          </li>
        ),
      )}
    </ol>
  );
}
