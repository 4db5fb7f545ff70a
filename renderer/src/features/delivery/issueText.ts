import type { DeliveryIssue } from '../../../../shared/deliveryStats';
import type { DeliverySummary } from '../../../../shared/history';

type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

/** The chips an issue shows: who fixes it, and what happened to the events. */
export function issueBadges(issue: DeliveryIssue): { label: string; tone: Tone }[] {
  if (issue.severity === 'intentional') return [{ label: 'Intentional · nothing to fix', tone: 'neutral' }];
  const badges: { label: string; tone: Tone }[] = [
    issue.transient
      ? { label: 'Transient · not yours to fix', tone: 'info' }
      : { label: 'Yours to fix', tone: 'danger' },
  ];
  if (issue.severity === 'changed') badges.push({ label: 'Went through on retry', tone: 'success' });
  else if (issue.recovered > 0)
    badges.push({ label: `${issue.recovered} went through on retry`, tone: 'success' });
  else badges.push({ label: 'Dropped', tone: 'warning' });
  return badges;
}

const when = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatWhen(iso: string): string {
  return when.format(new Date(iso));
}

export function seenText(issue: DeliveryIssue): string {
  return issue.firstSeen === issue.lastSeen
    ? `seen ${formatWhen(issue.lastSeen)}`
    : `${formatWhen(issue.firstSeen)} → ${formatWhen(issue.lastSeen)}`;
}

/** An example's one-line label: the event, where it went and how long it took. */
export function exampleLabel(example: DeliverySummary): string {
  const event = [example.callType, example.eventName].filter(Boolean).join(' · ') || '(invalid event)';
  return `${event} → ${example.targetId} (${example.source})`;
}
