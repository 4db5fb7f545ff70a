/**
 * `event-tester events`: what the local collector received (the app's, `ui`'s or `collect`'s), newest
 * first, read from the shared store.
 */
import type { ReceivedEvent, ReceivedEventQuery } from '../../../shared/collector';
import { err, ok, type Result } from '../../../shared/result';
import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import { openHistory } from '../../core';
import { parseSince, readCommandLine, resolveDataDir, usageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { formatLine } from './collect';

const USAGE = `usage: event-tester events [--since 10m|2h|7d] [--source KEY|NAME] [--type CALL] [--event NAME]
                           [--good|--bad] [--search TEXT] [--limit N] [--json] [--data-dir DIR]`;

const COMMAND = {
  name: 'events',
  usage: USAGE,
  noPositionals: true,
  options: {
    since: { type: 'string' },
    source: { type: 'string' },
    type: { type: 'string' },
    event: { type: 'string' },
    good: { type: 'boolean' },
    bad: { type: 'boolean' },
    search: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
} as const;

type Values = Partial<Record<'since' | 'source' | 'type' | 'event' | 'search' | 'limit', string>> & {
  good?: boolean;
  bad?: boolean;
};

function buildQuery(values: Values): Result<ReceivedEventQuery> {
  const query: ReceivedEventQuery = { limit: 100 };
  if (values.limit !== undefined) {
    if (!/^\d{1,4}$/.test(values.limit) || Number(values.limit) < 1 || Number(values.limit) > 1000)
      return err(`--limit must be a whole number from 1 to 1000, got '${values.limit}'`);
    query.limit = Number(values.limit);
  }
  if (values.since !== undefined) {
    const since = parseSince(values.since, new Date());
    if (!since.ok) return since;
    query.since = since.value;
  }
  if (values.type !== undefined) {
    if (!(CALL_TYPES as readonly string[]).includes(values.type))
      return err(`--type must be one of ${CALL_TYPES.join(', ')}, got '${values.type}'`);
    query.type = values.type as CallType;
  }
  if (values.good && values.bad) return err('--good and --bad exclude each other');
  if (values.good) query.good = true;
  if (values.bad) query.good = false;
  if (values.source !== undefined) query.source = values.source;
  if (values.event !== undefined) query.event = values.event;
  if (values.search !== undefined) query.search = values.search;
  return ok(query);
}

export async function runEvents(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const query = buildQuery(values);
  if (!query.ok) return usageError(COMMAND, io, query.error);
  const history = openHistory({ dataDir: resolveDataDir(values['data-dir'], env) });
  if (!history.store) {
    io.err(`event-tester events: ${history.problem ?? 'the store could not be opened'}`);
    return EXIT.usage;
  }
  try {
    const received = history.store.received;
    const page = received.list(query.value);
    if (values.json) {
      // Whole events, payload and problems included, for scripts and CI assertions.
      const events = page.items
        .map((item) => received.get(item.id))
        .filter((e): e is ReceivedEvent => e !== null);
      io.out(JSON.stringify(events, null, 2));
      return EXIT.ok;
    }
    if (page.items.length === 0) {
      io.out(`No events received${history.path ? ` in ${history.path}` : ''} for this query.`);
      return EXIT.ok;
    }
    const lines = page.items.map((item) => `${item.arrivedAt.slice(0, 10)} ${formatLine(item)}`);
    if (page.items.length < page.total)
      lines.push(
        `${page.items.length} of ${page.total} shown; narrow with --since/--type/--event or raise --limit.`,
      );
    io.out(lines.join('\n'));
    return EXIT.ok;
  } finally {
    history.store.close();
  }
}
