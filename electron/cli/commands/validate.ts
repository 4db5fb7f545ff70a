import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import { parseJson } from '../../../shared/json/parseJson';
import { isRecord } from '../../../shared/json/value';
import { lintManyForMarketo, type Finding } from '../../../shared/segment/marketoLint';
import { checkEventText, type Problem } from '../../../shared/segment/validate';
import type { DestinationSettings } from '../../../shared/settings';
import { readInputFile } from '../../core/inputFile';
import { readSettingsFile } from '../../core/settingsFile';
import { readCommandLine, usageError } from '../args';
import { EXIT, type CliIo } from '../io';

/**
 * `event-tester validate <file>... [--json] [--type <call>] [--settings FILE]`: checks each file (one
 * event, an array of events or a batch envelope) and prints every problem with its JSON path; with
 * destination settings, also what Marketo would reject, change or skip (shared/segment/marketoLint.ts).
 * Exit 0 all valid (warnings allowed), 1 any invalid or a Marketo error, 2 usage error or a file or
 * settings file that cannot be read.
 */

interface FileResult {
  file: string;
  valid: boolean;
  errors: Problem[];
  warnings: Problem[];
  /** Only with --settings. */
  marketo?: Finding[];
}

const USAGE = 'Usage: event-tester validate <file>... [--json] [--type <call>] [--settings FILE]';

const COMMAND = {
  name: 'validate',
  usage: USAGE,
  options: { json: { type: 'boolean' }, type: { type: 'string' }, settings: { type: 'string' } },
} as const;

const usage = (io: CliIo, message: string): number => usageError(COMMAND, io, message);

const READ_CODES: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'it does not exist'],
  ['EISDIR', 'it is a directory'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
]);

/** "cannot read the file: <why>", without repeating the file name the line already shows. */
function readProblem(error: string, file: string): string {
  const code = /\((E[A-Z]+)\)$/.exec(error)?.[1];
  if (code !== undefined) return `cannot read the file: ${READ_CODES.get(code) ?? code}`;
  return `cannot read the file: ${error.replace(`the file ${file} `, '').replace(`${file} `, '')}`;
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
    for (const finding of result.marketo ?? [])
      lines.push(
        `  marketo ${finding.severity.padEnd(7)} ${finding.path}  ${finding.message}\n          fix: ${finding.fix}`,
      );
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

  let settings: DestinationSettings | null = null;
  if (values.settings !== undefined) {
    const read = await readSettingsFile(values.settings);
    if (!read.ok) {
      io.err(`event-tester validate: ${read.error}`);
      return EXIT.usage;
    }
    settings = read.value;
  }

  let unreadable = false;
  const unreadableFiles = new Set<string>();
  const results: Array<FileResult & { events: number }> = [];
  for (const file of files) {
    // Only regular, size-capped, strictly decoded files (core/inputFile.ts); the others still run.
    const read = await readInputFile(file, 'the file');
    if (!read.ok) {
      unreadable = true;
      unreadableFiles.add(file);
      const message = readProblem(read.error, file);
      results.push({ file, valid: false, errors: [{ path: '$', message }], warnings: [], events: 0 });
      continue;
    }
    const check = checkEventText(read.value, { impliedType: impliedType as CallType | undefined });
    results.push({
      file,
      valid: check.valid,
      errors: check.errors,
      warnings: check.warnings,
      events: check.events.length,
      ...(settings && check.valid ? { marketo: marketoFindings(read.value, check.events, settings) } : {}),
    });
  }

  if (values.json) {
    const report: FileResult[] = results.map(({ file, valid, errors, warnings, marketo }) => ({
      file,
      valid,
      errors: errors.map(({ path, message }) => ({ path, message })),
      warnings: warnings.map(({ path, message }) => ({ path, message })),
      ...(marketo ? { marketo } : {}),
    }));
    io.out(JSON.stringify(report, null, 2));
  } else printHuman(io, results);

  if (unreadable) {
    const names = results.filter((r) => unreadableFiles.has(r.file)).map((r) => r.file);
    io.err(`event-tester validate: cannot read ${names.join(', ')}`);
    return EXIT.usage;
  }
  const marketoError = results.some((r) => r.marketo?.some((f) => f.severity === 'error'));
  return results.every((r) => r.valid) && !marketoError ? EXIT.ok : EXIT.failed;
}

/** Marketo findings at each event's place in the file: `$`, `$[i]` or `$.batch[i]`. */
function marketoFindings(text: string, events: unknown[], settings: DestinationSettings): Finding[] {
  const parsed = parseJson(text);
  const value = parsed.ok ? parsed.value.value : undefined;
  const base = (i: number) =>
    Array.isArray(value) ? `$[${i}]` : isRecord(value) && Array.isArray(value.batch) ? `$.batch[${i}]` : '$';
  return lintManyForMarketo(
    events.map((event, i) => ({ event, base: base(i) })),
    settings,
  );
}
