/**
 * `event-tester history`: the deliveries recorded by the app, `event-tester ui` and the CLI, newest
 * first; `history show ID` prints one delivery's lifecycle as `send` does.
 */
import type { DeliveryRecord, DeliverySummary, HistoryQuery } from '../../../shared/history';
import { OutcomeSchema, DeliverySourceSchema } from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import { openHistory } from '../../core';
import { parseSince, readCommandLine, resolveDataDir, usageError } from '../args';
import { formatResult } from '../format';
import { EXIT, type CliIo } from '../io';

const USAGE = `usage: event-tester history [--since 10m|2h|7d] [--outcome LIST] [--source LIST] [--event-contains TEXT] [--limit N] [--json] [--data-dir DIR]
       event-tester history show ID [--json] [--data-dir DIR]`;

const COMMAND = {
  name: 'history',
  usage: USAGE,
  options: {
    since: { type: 'string' },
    outcome: { type: 'string' },
    source: { type: 'string' },
    'event-contains': { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
} as const;

function parseList<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): Result<T[] | undefined> {
  if (value === undefined) return ok(undefined);
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0) return err(`--${name} takes ${allowed.join(', ')}; got '${unknown.join(', ')}'`);
  return ok(items as T[]);
}

function buildQuery(values: {
  since?: string;
  outcome?: string;
  source?: string;
  'event-contains'?: string;
  limit?: string;
}): Result<HistoryQuery> {
  const query: HistoryQuery = { limit: 50 };
  if (values.limit !== undefined) {
    if (!/^\d{1,3}$/.test(values.limit) || Number(values.limit) < 1 || Number(values.limit) > 500) {
      return err(`--limit must be a whole number from 1 to 500, got '${values.limit}'`);
    }
    query.limit = Number(values.limit);
  }
  if (values.since !== undefined) {
    const since = parseSince(values.since, new Date());
    if (!since.ok) return since;
    query.since = since.value;
  }
  const outcomes = parseList(values.outcome, OutcomeSchema.options, 'outcome');
  if (!outcomes.ok) return outcomes;
  if (outcomes.value) query.outcomes = outcomes.value;
  const sources = parseList(values.source, DeliverySourceSchema.options, 'source');
  if (!sources.ok) return sources;
  if (sources.value) query.sources = sources.value;
  const contains = values['event-contains']?.trim();
  if (contains !== undefined) {
    if (contains.length < 1 || contains.length > 200) {
      return err('--event-contains takes 1 to 200 characters of an event name');
    }
    query.eventContains = contains;
  }
  return ok(query);
}

export async function runHistory(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const usage = (message: string) => usageError(COMMAND, io, message);
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub, id, ...extra] = positionals;
  if (sub !== undefined && sub !== 'show') return usage(`unknown subcommand '${sub}'`);
  if (sub === 'show' && (id === undefined || extra.length > 0)) return usage('show takes one delivery id');
  const query = sub === 'show' ? ok({}) : buildQuery(values);
  if (!query.ok) return usage(query.error);

  const history = openHistory({ dataDir: resolveDataDir(values['data-dir'], env) });
  if (!history.store) {
    io.err(`event-tester history: ${history.problem ?? 'the history database could not be opened'}`);
    return EXIT.usage;
  }
  try {
    const deliveries = history.store.deliveries;
    if (sub === 'show') {
      const record = deliveries.get(id!);
      if (!record) {
        io.err(
          `event-tester history: no delivery with id ${id} (it may have been pruned; see 'event-tester history')`,
        );
        return EXIT.failed;
      }
      io.out(values.json ? JSON.stringify(record, null, 2) : formatResult(record, record.targetId));
      return EXIT.ok;
    }
    const page = deliveries.list(query.value);
    if (values.json) {
      // Full records, interactions included, so scripts see exactly what `send --json` printed.
      const records = page.items
        .map((item) => deliveries.get(item.id))
        .filter((r): r is DeliveryRecord => r !== null);
      io.out(JSON.stringify(records, null, 2));
    } else io.out(formatTable(page.items, page.total, history.path));
    return EXIT.ok;
  } finally {
    history.store.close();
  }
}

function formatTable(items: DeliverySummary[], total: number, path: string | null): string {
  if (items.length === 0) return `No deliveries recorded${path ? ` in ${path}` : ''} for this query.`;
  const rows = items.map((item) => [
    item.id,
    item.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    item.outcome.toUpperCase(),
    item.code ?? '',
    [item.callType, item.eventName].filter(Boolean).join(' ') || '(invalid event)',
    String(item.calls),
    `${Math.round(item.durationMs)} ms`,
    item.source,
  ]);
  const header = ['ID', 'STARTED', 'OUTCOME', 'CODE', 'EVENT', 'CALLS', 'DURATION', 'SOURCE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const shown =
    items.length < total
      ? `\n${items.length} of ${total} shown; narrow with --since, --outcome, --source or --event-contains, or raise --limit.`
      : '';
  return [line(header), ...rows.map(line)].join('\n') + shown;
}
