/**
 * `event-tester run <suite>...`: run saved suites through the same runner and send service as the
 * app, print a text, JSON or JUnit report, and exit 0 only if every expectation held.
 */
import { redactText } from '../../core';
import { atomicWrite } from '../../core/atomicWrite';
import { readSettingsFile } from '../../core/settingsFile';
import { estimateCalls } from '../../core/suites/estimate';
import { runSuite } from '../../core/suites/runner';
import { readSuiteFile } from '../../core/suites/suiteFile';
import type { SuiteFile } from '../../../shared/suites';
import { parseVariableAssignments } from '../../../shared/suiteVariables';
import type { DestinationSettings } from '../../../shared/settings';
import { HISTORY_OPTIONS, readCommandLine, resolveDataDir, usageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { jsonReport, junitReport, textReport, type RunReport } from '../reporters';
import { openSendStack } from '../sendStack';
import { resolveSendTarget } from './send';

const USAGE = `usage: event-tester run <suite.json>... [--profile NAME | --endpoint URL] [--settings FILE]
       [--var name=value]... [--reporter text|json|junit] [--out FILE] [--bail] [--grep PATTERN]
       [--production] [--data-dir DIR] [--no-record]
  Runs each case of each suite (default target: the embedded sandbox) and checks its expectation.
  --var           a suite variable ({{name}}); also EVENT_TESTER_VAR_<name> in the environment
  --reporter      text (default), json (every lifecycle, redacted) or junit (for CI servers)
  --out FILE      write the report to FILE instead of stdout
  --bail          stop after the first case that fails
  --grep PATTERN  run only the cases whose name matches (a regular expression)
  --production    confirm a run against a profile marked production
Exit: 0 every expectation held, 1 a case failed or the run was cancelled, 2 usage or file errors.`;

const COMMAND = {
  name: 'run',
  usage: USAGE,
  options: {
    profile: { type: 'string' },
    endpoint: { type: 'string' },
    settings: { type: 'string' },
    var: { type: 'string', multiple: true },
    reporter: { type: 'string' },
    out: { type: 'string' },
    bail: { type: 'boolean' },
    grep: { type: 'string' },
    production: { type: 'boolean' },
    ...HISTORY_OPTIONS,
  },
} as const;

const REPORTERS = { text: textReport, json: jsonReport, junit: junitReport } as const;

export async function runRun(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const usage = (message: string) => usageError(COMMAND, io, message);
  const fail = (message: string) => {
    io.err(`event-tester run: ${message}`);
    return EXIT.usage;
  };
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usage('name at least one suite file');
  const reporterName = values.reporter ?? 'text';
  if (!Object.hasOwn(REPORTERS, reporterName))
    return usage(`--reporter must be text, json or junit, got '${reporterName}'`);
  const variables = parseVariableAssignments(values.var ?? []);
  if (!variables.ok) return usage(variables.error);
  let grep: RegExp | undefined;
  try {
    grep = values.grep === undefined ? undefined : new RegExp(values.grep);
  } catch {
    return usage(`--grep is not a valid regular expression: ${values.grep}`);
  }
  const suites: { path: string; suite: SuiteFile }[] = [];
  for (const path of positionals) {
    const read = await readSuiteFile(path);
    if (!read.ok) return fail(read.error.message);
    suites.push({ path, suite: read.value });
  }
  let settings: DestinationSettings | undefined;
  if (values.settings !== undefined) {
    const loaded = await readSettingsFile(values.settings);
    if (!loaded.ok) return fail(loaded.error);
    settings = loaded.value;
  }
  const dataDir = resolveDataDir(values['data-dir'], env);
  const resolved = await resolveSendTarget(values, dataDir, env, io, 'run');
  if (!resolved.ok) return resolved.error === '' ? EXIT.usage : fail(resolved.error);
  const { target, sandbox, production } = resolved.value;
  const close = async () => {
    await sandbox?.close();
  };
  if (production) {
    const planned = suites.reduce(
      (n, { suite }) =>
        n +
        estimateCalls(
          suite.cases.map((c) => c.event),
          settings ?? suite.settings ?? target.settings,
        ).calls,
      0,
    );
    io.err(
      `event-tester run: ${target.name} is a production profile: this run will use about ${planned} API calls` +
        `${production.left === null ? '' : ` (${production.left} left today)`}.`,
    );
    if (!values.production) {
      await close();
      return fail('a production profile needs --production to confirm the run');
    }
  }

  const stack = openSendStack({ command: 'run', dataDir, record: !values['no-record'], target, env, io });
  const { sends } = stack;
  const interrupt = new AbortController();
  void io.interrupted().then(() => interrupt.abort());
  const tty = process.stderr.isTTY === true;
  const reports: RunReport[] = [];
  try {
    for (const { path, suite } of suites) {
      const outcome = await runSuite({
        suite,
        suitePath: path,
        sends,
        targetId: target.id,
        ...(settings ? { settings } : {}),
        variables: variables.value,
        env,
        ...(grep ? { grep } : {}),
        bail: values.bail === true,
        signal: interrupt.signal,
        recorder: stack.history.store?.suiteRuns ?? null,
        onRecordFailed: (message) => io.err(`event-tester run: ${message}`),
        // A progress line on a terminal only: piped output stays the report alone.
        ...(tty
          ? {
              onProgress: ({ counts: c }) =>
                process.stderr.write(
                  `\r${suite.name}: ${c.executed + c.skipped}/${c.total} (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped)`,
                ),
            }
          : {}),
      });
      if (tty) process.stderr.write('\n');
      if (!outcome.ok) return fail(`${path}: ${outcome.error}`);
      reports.push(outcome.value);
      if (values.bail && outcome.value.run.status !== 'passed') break;
    }
  } finally {
    stack.close();
    await close();
  }
  // SECURITY: lifecycles are redacted when made; this is a last net over everything written.
  const report = redactText(REPORTERS[reporterName as keyof typeof REPORTERS](reports), [
    target.credentials.clientSecret,
    target.credentials.clientId,
  ]);
  if (values.out !== undefined) await atomicWrite(values.out, report);
  else io.out(report);
  const allPassed = reports.length === suites.length && reports.every((r) => r.run.status === 'passed');
  return allPassed ? EXIT.ok : EXIT.failed;
}
