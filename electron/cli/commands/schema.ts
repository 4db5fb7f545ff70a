/**
 * `event-tester schema`: what the collector received, counted: every event name with its count
 * and, with `--event` (or `--type` for unnamed calls), the presence of each property.
 */
import type { PropertyReport, SchemaReport } from '../../../shared/collector';
import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import { openHistory } from '../../core';
import { parseSince, readCommandLine, resolveDataDir, usageError } from '../args';
import { EXIT, type CliIo } from '../io';

const USAGE = `usage: event-tester schema [--since 7d] [--source KEY|NAME] [--utc] [--json] [--data-dir DIR]
       event-tester schema --event NAME [--type CALL] [--since 7d] [--utc] [--json]   property presence of one event
Days (and hours) start at this machine's local midnight, as in the app's Schema view; --utc counts in UTC.`;

const COMMAND = {
  name: 'schema',
  usage: USAGE,
  noPositionals: true,
  options: {
    since: { type: 'string' },
    source: { type: 'string' },
    event: { type: 'string' },
    type: { type: 'string' },
    utc: { type: 'boolean' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
} as const;

const DEFAULT_SINCE = '7d';

export async function runSchema(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const since = parseSince(values.since ?? DEFAULT_SINCE, new Date());
  if (!since.ok) return usageError(COMMAND, io, since.error);
  const type = values.type ?? (values.event !== undefined ? 'track' : undefined);
  if (type !== undefined && !(CALL_TYPES as readonly string[]).includes(type))
    return usageError(COMMAND, io, `--type must be one of ${CALL_TYPES.join(', ')}, got '${type}'`);
  const history = openHistory({ dataDir: resolveDataDir(values['data-dir'], env) });
  if (!history.store) {
    io.err(`event-tester schema: ${history.problem ?? 'the store could not be opened'}`);
    return EXIT.usage;
  }
  try {
    // Local days by default, as the Schema view counts them, so the CLI and the app agree on a
    // machine; --utc for logs compared across time zones (CI). The text output says which.
    const utcOffsetMinutes = values.utc ? 0 : -new Date().getTimezoneOffset();
    const base = {
      since: since.value,
      utcOffsetMinutes,
      ...(values.source !== undefined ? { source: values.source } : {}),
    };
    const days = dayNote(values.utc === true, utcOffsetMinutes);
    const span = Date.now() - Date.parse(since.value);
    const bucket = span <= 2 * 86_400_000 ? 'hour' : 'day';
    if (type !== undefined) {
      const report = history.store.schema.properties({
        ...base,
        bucket,
        type: type as CallType,
        name: values.event ?? null,
      });
      io.out(
        values.json
          ? JSON.stringify(report, null, 2)
          : `${formatProperties(report, type, values.event ?? null)}\n${days}`,
      );
    } else {
      const report = history.store.schema.schema({ ...base, bucket });
      io.out(values.json ? JSON.stringify(report, null, 2) : `${formatEvents(report)}\n${days}`);
    }
    return EXIT.ok;
  } finally {
    history.store.close();
  }
}

/** The line that tells which days the counts are bucketed by. */
export function dayNote(utc: boolean, offsetMinutes: number): string {
  if (utc) return 'Counted in UTC days.';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `Counted in local days (UTC${sign}${hhmm}), as the Schema view; --utc for UTC days.`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function formatEvents(report: SchemaReport): string {
  if (report.total === 0) return 'No events received in this period.';
  const rows = report.events.map((row) => [
    row.type,
    row.name ?? '',
    String(row.count),
    String(row.count - row.good),
  ]);
  return `${table(['TYPE', 'NAME', 'COUNT', 'BAD'], rows)}\n${report.total} events.`;
}

function formatProperties(report: PropertyReport, type: string, name: string | null): string {
  const label = name === null ? type : `${type} "${name}"`;
  if (report.total === 0) return `No ${label} received in this period.`;
  const rows = report.properties.map((p) => [
    `${report.bag}.${p.path}`,
    String(p.count),
    `${Math.round((p.count / report.total) * 1000) / 10}%`,
    p.types.join(', '),
  ]);
  return `${report.total} × ${label}\n${table(['PROPERTY', 'COUNT', 'PRESENT', 'TYPES'], rows)}`;
}
