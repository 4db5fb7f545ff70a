import type { DeliveryIssue } from '../../../../shared/deliveryStats';
import { Icon } from '../../ui/Icon';
import { bucketLabel } from './chartData';
import { issueBadges, seenText } from './issueText';
import { useDeliveryStore } from './stores';

function IssueRow({ issue, open }: { issue: DeliveryIssue; open: boolean }) {
  const openIssue = useDeliveryStore((s) => s.openIssue);
  const badges = issueBadges(issue);
  return (
    <li>
      <button
        type="button"
        className={`issue-row ${open ? 'open' : ''}`}
        aria-current={open ? 'true' : undefined}
        onClick={() => openIssue(issue.code)}
        data-testid="issue-row"
        data-code={issue.code}
      >
        <span className="issue-code mono" data-testid="issue-code">
          {issue.code}
        </span>
        <span className="issue-main">
          <span className="issue-title">{issue.title}</span>
          <span className="issue-remedy">{issue.remedy}</span>
        </span>
        <span className="issue-badges">
          {badges.map((badge) => (
            <span key={badge.label} className={`chip tone-${badge.tone}`}>
              {badge.label}
            </span>
          ))}
        </span>
        <span className="issue-seen muted small">{seenText(issue)}</span>
        <span className="issue-count" data-testid="issue-count">
          {issue.count.toLocaleString('en')}
        </span>
      </button>
    </li>
  );
}

/** Issues grouped by code, most frequent first; the clicked trend bucket narrows them. */
export function IssuesList() {
  const issues = useDeliveryStore((s) => s.issues);
  const status = useDeliveryStore((s) => s.issuesStatus);
  const bucket = useDeliveryStore((s) => s.bucket);
  const openCode = useDeliveryStore((s) => s.issue?.code ?? null);
  const selectBucket = useDeliveryStore((s) => s.selectBucket);
  return (
    <section className="pane issues" aria-label="Issues" data-testid="delivery-issues">
      <header className="pane-head">
        <h2>Issues</h2>
        {bucket && (
          <button
            type="button"
            className="bucket-filter"
            onClick={() => selectBucket(null)}
            title="Show the whole period's issues"
            data-testid="bucket-filter"
          >
            {bucketLabel(bucket)} <Icon name="close" />
          </button>
        )}
        {status === 'loading' && <span className="spinner small-spinner" aria-label="Loading issues" />}
      </header>
      {issues && issues.length === 0 && (
        <p className="empty-issues muted" data-testid="no-issues">
          No issues {bucket ? 'in this bucket' : 'in this period'}: everything sent went through.
        </p>
      )}
      <ul className="issue-list">
        {issues?.map((issue) => (
          <IssueRow key={issue.code} issue={issue} open={issue.code === openCode} />
        ))}
      </ul>
    </section>
  );
}
