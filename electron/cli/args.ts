/**
 * The one argument parser of the CLI: `node:util` parseArgs, strict, for every command, with its
 * messages shortened to what a user needs. Also the options several commands share.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from '../../shared/result';
import { defaultDataDir } from '../core';

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
