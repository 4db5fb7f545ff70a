/**
 * `event-tester delivery`: Event Delivery in a terminal — the summary with its change against the
 * previous period, the top issues with counts and remedies, and the trend buckets — from the same
 * service as the app's Delivery view, so `--json` and the view agree for the same period.
 */
import {
  describeChange,
  formatLatency,
  formatRate,
  PERIODS,
  type DeliveryFilter,
  type DeliveryIssue,
  type DeliveryMetrics,
  type DeliveryOverview,
  type MetricKind,
  type TrendBucket,
} from '../../../shared/deliveryStats';
import { DeliverySourceSchema } from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import { openHistory } from '../../core';
import { createDeliveryStats, type DeliveryStatsService } from '../../core/deliveryStats/deliveryStats';
import { parseSince, readCommandLine, resolveDataDir, usageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { openCliProfiles } from './profiles';

const USAGE = `usage: event-tester delivery [--since 10m|1h|6h|24h|7d|14d|SPAN|ISO] [--until ISO] [--profile NAME|ID]
                            [--source LIST] [--issues N] [--json] [--data-dir DIR]`;

const COMMAND = {
  name: 'delivery',
  usage: USAGE,
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    profile: { type: 'string' },
    source: { type: 'string' },
    issues: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
} as const;

const FIXED: ReadonlySet<string> = new Set(PERIODS);

/** A fixed period by its name, any other span or ISO date as a custom period ending now (or --until). */
export function periodFilter(since: string, until: string | undefined, now: Date): Result<DeliveryFilter> {
  const anchor = until === undefined ? now : new Date(Date.parse(until));
  if (Number.isNaN(anchor.getTime())) return err(`--until takes an ISO date, got '${until}'`);
  if (FIXED.has(since)) {
    return ok({ period: since as DeliveryFilter['period'], until: anchor.toISOString() });
  }
  const from = parseSince(since, anchor);
  if (!from.ok) return from;
  return ok({ period: 'custom', from: from.value, to: anchor.toISOString() });
}

function parseSources(value: string | undefined): Result<DeliveryFilter['sources']> {
  if (value === undefined) return ok(undefined);
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed = items.map((item) => DeliverySourceSchema.safeParse(item));
  const bad = items.filter((_, i) => !parsed[i]!.success);
  if (bad.length > 0)
    return err(`--source takes ${DeliverySourceSchema.options.join(', ')}; got '${bad.join(', ')}'`);
  return ok(parsed.map((p) => p.data!));
}

/**
 * `--profile` takes a profile's id or display name, as `event-tester profiles list` shows them, or the
 * id of a profile deleted since that still has deliveries recorded; a case-only difference is forgiven.
 */
async function resolveProfile(
  stats: DeliveryStatsService,
  name: string | undefined,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Result<string | undefined>> {
  if (name === undefined) return ok(undefined);
  const profiles = openCliProfiles(dataDir, env);
  // Unreadable profiles still leave the recorded ids to match against.
  const loaded = await profiles.load();
  const profile = loaded.ok ? await profiles.find(name) : null;
  if (profile) return ok(profile.id);
  const known = stats.overview({ period: '10m' });
  const ids = known.ok ? known.value.profileIds : [];
  const match = ids.find((id) => id === name) ?? ids.find((id) => id.toLowerCase() === name.toLowerCase());
  if (match) return ok(match);
  return err(
    `there is no profile '${name}' (see 'event-tester profiles list')${ids.length ? `; deliveries are recorded for: ${ids.join(', ')}` : ''}`,
  );
}

export async function runDelivery(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const usage = (message: string) => usageError(COMMAND, io, message);
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 0) return usage(`unexpected argument '${positionals[0]}'`);
  const period = periodFilter(values.since ?? '24h', values.until, new Date());
  if (!period.ok) return usage(period.error);
  const sources = parseSources(values.source);
  if (!sources.ok) return usage(sources.error);
  const top = values.issues === undefined ? 10 : Number(values.issues);
  if (!Number.isInteger(top) || top < 1 || top > 1000)
    return usage(`--issues must be 1 to 1000, got '${values.issues}'`);

  const dataDir = resolveDataDir(values['data-dir'], env);
  const history = openHistory({ dataDir });
  if (!history.store) {
    io.err(`event-tester delivery: ${history.problem ?? 'the history database could not be opened'}`);
    return EXIT.usage;
  }
  try {
    const stats = createDeliveryStats(history.store.stats);
    const profile = await resolveProfile(stats, values.profile, dataDir, env);
    if (!profile.ok) {
      io.err(`event-tester delivery: ${profile.error}`);
      return EXIT.failed;
    }
    const filter: DeliveryFilter = {
      ...period.value,
      ...(profile.value ? { profileId: profile.value } : {}),
      ...(sources.value ? { sources: sources.value } : {}),
    };
    const report = deliveryReport(stats, filter);
    if (!report.ok) return usage(report.error);
    const shown = { ...report.value, issues: report.value.issues.slice(0, top) };
    io.out(values.json ? JSON.stringify(shown, null, 2) : formatReport(shown, filter));
    return EXIT.ok;
  } finally {
    history.store.close();
  }
}

export interface DeliveryReport {
  range: DeliveryOverview['range'];
  summary: DeliveryMetrics;
  previousRange: DeliveryOverview['previousRange'];
  previous: DeliveryMetrics;
  issues: DeliveryIssue[];
  trends: TrendBucket[];
}

/** The three queries the view makes, for one filter. */
export function deliveryReport(stats: DeliveryStatsService, filter: DeliveryFilter): Result<DeliveryReport> {
  const overview = stats.overview(filter);
  if (!overview.ok) return overview;
  const trends = stats.trends(filter);
  if (!trends.ok) return trends;
  const issues = stats.issues(filter);
  if (!issues.ok) return issues;
  const { range, current, previousRange, previous } = overview.value;
  return ok({
    range,
    summary: current,
    previousRange,
    previous,
    issues: issues.value.issues,
    trends: trends.value.buckets,
  });
}

const time = (iso: string) => iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, 'Z');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const METRICS: [string, keyof DeliveryMetrics, MetricKind][] = [
  ['Delivered', 'delivered', 'count'],
  ['Rejected', 'rejected', 'count'],
  ['Skipped', 'skipped', 'count'],
  ['Failed', 'failed', 'count'],
  ['Uncertain', 'uncertain', 'count'],
  ['Retried, then delivered', 'retriedDelivered', 'count'],
  ['Success rate', 'successRate', 'rate'],
  ['Median latency', 'medianMs', 'latency'],
  ['p95 latency', 'p95Ms', 'latency'],
  ['API calls', 'calls', 'count'],
  ['Calls per event', 'callsPerEvent', 'ratio'],
];

function metricText(kind: MetricKind, value: number | null): string {
  if (kind === 'rate') return formatRate(value);
  if (kind === 'latency') return formatLatency(value);
  if (kind === 'ratio') return value === null ? '—' : value.toFixed(2);
  return String(value ?? 0);
}

function formatReport(report: DeliveryReport, filter: DeliveryFilter): string {
  const scope = [
    filter.profileId ? `profile ${filter.profileId}` : 'all profiles',
    filter.sources?.length ? `sources ${filter.sources.join(', ')}` : 'all sources',
  ].join(', ');
  const summary = METRICS.map(([label, key, kind]) => {
    const value = report.summary[key];
    const before = report.previous[key];
    return [label, metricText(kind, value), describeChange(kind, value, before) ?? '—'];
  });
  const issues = report.issues.map((issue) => [
    issue.code,
    String(issue.count),
    issue.transient ? 'transient' : 'yours to fix',
    time(issue.lastSeen),
    issue.remedy,
  ]);
  const buckets = report.trends
    .filter((b) => b.total > 0)
    .map((b) => [
      time(b.start),
      String(b.total),
      String(b.delivered),
      String(b.rejected + b.failed + b.uncertain),
      formatLatency(b.medianMs),
      formatLatency(b.p95Ms),
    ]);
  return [
    `Event Delivery ${time(report.range.start)} to ${time(report.range.end)}, ${scope}`,
    '',
    table(['SUMMARY', 'VALUE', 'VS PREVIOUS'], summary),
    '',
    issues.length
      ? table(['ISSUE', 'COUNT', 'KIND', 'LAST SEEN', 'REMEDY'], issues)
      : 'No issues in this period.',
    '',
    buckets.length
      ? table(['BUCKET', 'TOTAL', 'DELIVERED', 'NOT DELIVERED', 'MEDIAN', 'P95'], buckets)
      : 'No deliveries in this period.',
  ].join('\n');
}
