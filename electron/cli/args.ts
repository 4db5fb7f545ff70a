/**
 * The one argument parser of the CLI: `node:util` parseArgs, strict, for every command, with its
 * messages shortened to what a user needs. Also the options several commands share.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from '../../shared/result';
import { defaultDataDir } from '../core';
import { EXIT, type CliIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

export function parseCommand<O extends Options>(args: string[], options: O): Result<Parsed<O>> {
  try {
    return ok(parseArgs({ args, options, allowPositionals: true, strict: true }));
  } catch (error) {
    return err(shortMessage(error));
  }
}

export interface CommandSpec<O extends Options> {
  /** As typed after `event-tester`, e.g. `send`. */
  name: string;
  usage: string;
  options: O;
  /** The command takes no positional arguments: a stray one is a usage error. */
  noPositionals?: true;
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Every command's start: parse strictly; on `--help` print the usage, on a bad argument print the
 * problem and the usage; either way the caller returns the exit code this gives back.
 */
export function readCommandLine<O extends Options>(
  spec: CommandSpec<O>,
  args: string[],
  io: CliIo,
): Parsed<O & typeof HELP> | number {
  const parsed = parseCommand(args, { ...spec.options, ...HELP });
  if (!parsed.ok) return usageError(spec, io, parsed.error);
  if ((parsed.value.values as { help?: boolean }).help) {
    io.out(spec.usage);
    return EXIT.ok;
  }
  const [stray] = parsed.value.positionals;
  if (spec.noPositionals && stray !== undefined) return usageError(spec, io, `unknown argument '${stray}'`);
  return parsed.value;
}

/** Prints `event-tester <name>: <message>` and the usage; returns the usage exit code. */
export function usageError(
  spec: Pick<CommandSpec<Options>, 'name' | 'usage'>,
  io: CliIo,
  message: string,
): number {
  io.err(`event-tester ${spec.name}: ${message}\n${spec.usage}`);
  return EXIT.usage;
}

function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return message.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
  }
  return message;
}

/** Options of every command that records or reads history. */
export const HISTORY_OPTIONS = {
  'data-dir': { type: 'string' },
  'no-record': { type: 'boolean' },
} as const;

/** `--data-dir`, else EVENT_TESTER_HOME, else the desktop app's data folder (shared with it). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined) return resolve(flag);
  return defaultDataDir({ env, platform: process.platform, homedir: homedir() });
}

/** A TCP port from 0 (any free port) to 65535. */
export function parsePort(value: string): Result<number> {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    return err(`--port must be a whole number from 0 to 65535, got '${value}'`);
  }
  return ok(Number(value));
}

const UNIT_MS = new Map([
  ['s', 1_000],
  ['m', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
]);

/** `10m`, `2h`, `7d`, `30s` before now, or an ISO date-time. */
export function parseSince(value: string, now: Date): Result<string> {
  const relative = /^(\d{1,6})([smhd])$/.exec(value.trim());
  if (relative)
    return ok(new Date(now.getTime() - Number(relative[1]) * UNIT_MS.get(relative[2]!)!).toISOString());
  const absolute = Date.parse(value);
  if (Number.isFinite(absolute) && /^\d{4}-\d{2}-\d{2}/.test(value))
    return ok(new Date(absolute).toISOString());
  return err(`--since takes a span such as 10m, 2h or 7d, or an ISO date, got '${value}'`);
}
