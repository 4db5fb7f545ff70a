import { readFile } from 'node:fs/promises';
import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import { checkEventText, type Problem } from '../../../shared/segment/validate';
import { readCommandLine, usageError } from '../args';
import { EXIT, type CliIo } from '../io';

/**
 * `event-tester validate <file>... [--json] [--type <call>]`: checks each file (one event, an array
 * of events or a batch envelope) and prints every problem with its JSON path.
 * Exit 0 all valid (warnings allowed), 1 any invalid, 2 usage error or a file that cannot be read.
 */

interface FileResult {
  file: string;
  valid: boolean;
  errors: Problem[];
  warnings: Problem[];
}

const USAGE = 'Usage: event-tester validate <file>... [--json] [--type <call>]';

const COMMAND = {
  name: 'validate',
  usage: USAGE,
  options: { json: { type: 'boolean' }, type: { type: 'string' } },
} as const;

const usage = (io: CliIo, message: string): number => usageError(COMMAND, io, message);

function readError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'cannot read the file: it does not exist';
  if (code === 'EISDIR') return 'cannot read the file: it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read the file: permission denied';
  return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function printHuman(io: CliIo, results: Array<FileResult & { events: number }>): void {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(result.valid ? `✓ ${result.file} (${plural(result.events, 'event')})` : `✗ ${result.file}`);
    const width = Math.max(0, ...[...result.errors, ...result.warnings].map((p) => p.path.length));
    for (const problem of result.errors)
      lines.push(`  error   ${problem.path.padEnd(width)}  ${problem.message}`);
    for (const problem of result.warnings)
      lines.push(`  warning ${problem.path.padEnd(width)}  ${problem.message}`);
  }
  const valid = results.filter((r) => r.valid).length;
  const errors = results.reduce((sum, r) => sum + r.errors.length, 0);
  const warnings = results.reduce((sum, r) => sum + r.warnings.length, 0);
  lines.push(
    '',
    `${plural(results.length, 'file')}: ${valid} valid, ${results.length - valid} invalid ` +
      `(${plural(errors, 'error')}, ${plural(warnings, 'warning')})`,
  );
  io.out(lines.join('\n'));
}

export async function runValidate(args: string[], io: CliIo): Promise<number> {
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals: files } = parsed;
  if (files.length === 0) return usage(io, 'no files given');
  const impliedType = values.type;
  if (impliedType !== undefined && !(CALL_TYPES as readonly string[]).includes(impliedType))
    return usage(io, `--type must be one of ${CALL_TYPES.join(', ')}, got '${impliedType}'`);

  let unreadable = false;
  const results: Array<FileResult & { events: number }> = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      unreadable = true;
      results.push({
        file,
        valid: false,
        errors: [{ path: '$', message: readError(error) }],
        warnings: [],
        events: 0,
      });
      continue;
    }
    const check = checkEventText(text, { impliedType: impliedType as CallType | undefined });
    results.push({
      file,
      valid: check.valid,
      errors: check.errors,
      warnings: check.warnings,
      events: check.events.length,
    });
  }

  if (values.json) {
    const report: FileResult[] = results.map(({ file, valid, errors, warnings }) => ({
      file,
      valid,
      errors: errors.map(({ path, message }) => ({ path, message })),
      warnings: warnings.map(({ path, message }) => ({ path, message })),
    }));
    io.out(JSON.stringify(report, null, 2));
  } else printHuman(io, results);

  if (unreadable) {
    const names = results
      .filter((r) => r.errors.some((e) => e.message.startsWith('cannot read')))
      .map((r) => r.file);
    io.err(`event-tester validate: cannot read ${names.join(', ')}`);
    return EXIT.usage;
  }
  return results.every((r) => r.valid) ? EXIT.ok : EXIT.failed;
}
