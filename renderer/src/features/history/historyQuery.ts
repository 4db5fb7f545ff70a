import { eventNameContains, type DeliverySummary, type HistoryQuery } from '../../../../shared/history';
import type { DeliverySource, Outcome } from '../../../../shared/interaction';

/** Rows per `history:list` request: a few screens, so scrolling asks rarely and answers stay small. */
export const PAGE_SIZE = 100;

export type Period = '10m' | '1h' | '24h' | '7d' | 'all';

const MINUTE = 60_000;
export const PERIODS: readonly { id: Period; label: string; ms: number | null }[] = [
  { id: '10m', label: '10 min', ms: 10 * MINUTE },
  { id: '1h', label: '1 h', ms: 60 * MINUTE },
  { id: '24h', label: '24 h', ms: 24 * 60 * MINUTE },
  { id: '7d', label: '7 d', ms: 7 * 24 * 60 * MINUTE },
  { id: 'all', label: 'All', ms: null },
];

/** Outcomes a recorded delivery can have (dry runs are not recorded). */
export const OUTCOME_FILTERS: readonly Outcome[] = [
  'delivered',
  'rejected',
  'failed',
  'uncertain',
  'skipped',
];

/** Where a delivery was sent from, as the list's Source column and `history --source` name it. */
export const SOURCE_FILTERS: readonly { id: DeliverySource; label: string; title: string }[] = [
  { id: 'app', label: 'app', title: 'Sent from this app or event-tester ui' },
  { id: 'cli', label: 'cli', title: 'Sent with event-tester send' },
  { id: 'suite', label: 'suite', title: 'Sent by a suite run' },
  { id: 'collector', label: 'collector', title: 'Forwarded by the collector' },
];

export interface HistoryFilters {
  /** Empty means every outcome. */
  outcomes: Outcome[];
  /** Empty means every source. */
  sources: DeliverySource[];
  /** Text the event name must contain (any ASCII case); empty means any name. */
  eventContains: string;
  period: Period;
}

export const DEFAULT_FILTERS: HistoryFilters = {
  outcomes: [],
  sources: [],
  eventContains: '',
  period: 'all',
};

export function isFiltered(filters: HistoryFilters): boolean {
  return (
    filters.outcomes.length > 0 ||
    filters.sources.length > 0 ||
    filters.eventContains !== '' ||
    filters.period !== 'all'
  );
}

/** The `since` bound of a period, fixed when a query is made so every page of it agrees. */
export function sinceFor(period: Period, now: number): string | undefined {
  const ms = PERIODS.find((p) => p.id === period)?.ms ?? null;
  return ms === null ? undefined : new Date(now - ms).toISOString();
}

export function buildQuery(
  filters: HistoryFilters,
  since: string | undefined,
  offset: number,
  limit = PAGE_SIZE,
): HistoryQuery {
  return {
    offset,
    limit,
    ...(since ? { since } : {}),
    ...(filters.outcomes.length > 0 ? { outcomes: [...filters.outcomes] } : {}),
    ...(filters.sources.length > 0 ? { sources: [...filters.sources] } : {}),
    ...(filters.eventContains !== '' ? { eventContains: filters.eventContains } : {}),
  };
}

/** Whether a pushed delivery belongs in the list as it is filtered now. */
export function matchesFilters(
  summary: DeliverySummary,
  filters: HistoryFilters,
  since: string | undefined,
): boolean {
  if (filters.outcomes.length > 0 && !filters.outcomes.includes(summary.outcome)) return false;
  if (filters.sources.length > 0 && !filters.sources.includes(summary.source)) return false;
  if (filters.eventContains !== '' && !eventNameContains(summary.eventName, filters.eventContains)) {
    return false;
  }
  return since === undefined || Date.parse(summary.startedAt) >= Date.parse(since);
}

export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';
export const MOVE_KEYS: readonly string[] = ['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];

/** Where a key moves the selection in a list of `count` rows showing `pageRows` at a time. */
export function moveSelection(
  current: number | null,
  key: MoveKey,
  count: number,
  pageRows: number,
): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const step = Math.max(1, pageRows - 1);
  const clamp = (i: number) => Math.max(0, Math.min(i, last));
  if (current === null) return key === 'End' ? last : 0;
  switch (key) {
    case 'ArrowUp':
      return clamp(current - 1);
    case 'ArrowDown':
      return clamp(current + 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageUp':
      return clamp(current - step);
    case 'PageDown':
      return clamp(current + step);
  }
}

// 24-hour time keeps the column narrow and the rows aligned.
const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** "14:03:07" today, "Nov 29 14:03:07" before; the full time is in the row's title. */
export function formatWhen(iso: string, now: number): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const today = new Date(now).toDateString() === at.toDateString();
  return today ? timeFormat.format(at) : `${dateFormat.format(at)} ${timeFormat.format(at)}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** "track · Webinar Registered", "identify", or a dash when the event was not valid enough to tell. */
export function describeCall(summary: Pick<DeliverySummary, 'callType' | 'eventName'>): string {
  const parts = [summary.callType, summary.eventName].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' · ') : '—';
}
