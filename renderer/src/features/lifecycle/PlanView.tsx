import type { PlannedCall } from '../../../../shared/interaction';
import { JsonBlock } from '../../ui/JsonBlock';
import { prettyBody, stepLabel } from './outcome';

export function PlanView({ plan }: { plan: PlannedCall[] }) {
  return (
    <ol className="plan" aria-label="Planned calls" data-testid="plan">
      {plan.map((call, i) => (
        <li key={i} className="plan-call">
          <div className="plan-head">
            <span className="plan-index">{i + 1}</span>
            <h3 className="plan-step">{stepLabel(call.step)}</h3>
          </div>
          <p className="request-line">
            <span className={`method m-${call.method.toLowerCase()}`}>{call.method}</span>
            <code className="url">{call.path}</code>
          </p>
          <p className="muted small">{call.note}</p>
          {call.body !== undefined && <JsonBlock title="Body" text={prettyBody(call.body)} />}
        </li>
      ))}
    </ol>
  );
}
