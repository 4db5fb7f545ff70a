import { openInTester } from '../../commands';
import { Icon } from '../../ui/Icon';
import { LifecyclePanel, outcomeChip } from '../lifecycle';
import { exampleLabel, formatWhen, issueBadges } from './issueText';
import { useDeliveryLifecycle, useDeliveryStore } from './stores';

function Examples() {
  const issue = useDeliveryStore((s) => s.issue);
  const openExample = useDeliveryStore((s) => s.openExample);
  if (!issue) return null;
  if (issue.status === 'loading') return <div className="spinner" aria-label="Loading examples" />;
  if (issue.status === 'error')
    return (
      <p className="muted" role="alert">
        {issue.error}
      </p>
    );
  const found = issue.examples;
  if (!found) return null;
  return (
    <>
      <p className="examples-count muted small" data-testid="examples-count">
        {found.examples.length < found.total
          ? `The newest ${found.examples.length} of ${found.total.toLocaleString('en')} examples`
          : `${found.total} example${found.total === 1 ? '' : 's'}, newest first`}
      </p>
      <ol className="example-list" aria-label="Examples">
        {found.examples.map((example) => {
          const chip = outcomeChip(example.outcome);
          return (
            <li key={example.id}>
              <button
                type="button"
                className={`example-row ${issue.openedId === example.id ? 'open' : ''}`}
                aria-current={issue.openedId === example.id ? 'true' : undefined}
                onClick={() => openExample(example.id)}
                data-testid="example-row"
              >
                <span className={`chip tone-${chip.tone}`}>{chip.label}</span>
                <span className="example-label">{exampleLabel(example)}</span>
                <span className="muted small">{formatWhen(example.startedAt)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function OpenInTesterButton() {
  const record = useDeliveryStore((s) => s.issue?.opened.record ?? null);
  if (!record) return null;
  return (
    <button
      type="button"
      className="ghost-button"
      onClick={() => openInTester(record.event)}
      title="Load this event into the Tester's editor to try a fix"
      data-testid="open-in-tester"
    >
      <Icon name="open-in" /> Open in Tester
    </button>
  );
}

function ExamplePlaceholder() {
  return (
    <div className="empty" data-testid="example-empty">
      <p className="empty-title">Open an example to see its lifecycle</p>
      <p className="muted">Every request and response of that delivery, paged as when it was sent.</p>
    </div>
  );
}

/** An issue's cause, remedy and newest examples, each opening in the paged lifecycle viewer. */
export function IssuePane() {
  const issue = useDeliveryStore((s) => s.issue);
  const details = useDeliveryStore((s) => s.issues?.find((i) => i.code === s.issue?.code) ?? null);
  const close = useDeliveryStore((s) => s.closeIssue);
  if (!issue) return null;
  return (
    <aside className="issue-pane" aria-label={`Issue ${issue.code}`} data-testid="issue-pane">
      <header className="issue-pane-head">
        <span className="issue-code mono">{issue.code}</span>
        <h2>{details?.title ?? issue.code}</h2>
        <button type="button" className="icon-button" onClick={close} aria-label="Close the issue">
          <Icon name="close" />
        </button>
      </header>
      {details && (
        <div className="issue-explain">
          <div className="chips">
            {issueBadges(details).map((b) => (
              <span key={b.label} className={`chip tone-${b.tone}`}>
                {b.label}
              </span>
            ))}
          </div>
          <p>
            <strong>Cause</strong> {details.cause}
          </p>
          <p data-testid="issue-remedy">
            <strong>Remedy</strong> {details.remedy}
          </p>
        </div>
      )}
      <div className="issue-pane-body">
        <div className="examples">
          <Examples />
        </div>
        <LifecyclePanel
          store={useDeliveryLifecycle}
          placeholder={<ExamplePlaceholder />}
          actions={<OpenInTesterButton />}
        />
      </div>
    </aside>
  );
}
