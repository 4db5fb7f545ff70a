/**
 * `event-tester send <file>`: deliver one event to Marketo (or the embedded sandbox) through the
 * send service, record it in the history the app shows, and print the outcome and every exchange.
 */
import {
  redactText,
  sandboxTarget,
  startSandbox,
  targetFromEnvironment,
  type Sandbox,
  type SendService,
  type Target,
} from '../../core';
import { readSettingsFile } from '../../core/settingsFile';
import { readInputFile } from '../../core/inputFile';
import { parseJsonText } from '../../../shared/segment/validate';
import { err, ok, type Result } from '../../../shared/result';
import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import type { DestinationSettings } from '../../../shared/settings';
import { HISTORY_OPTIONS, readCommandLine, resolveDataDir, usageError } from '../args';
import { formatResult } from '../format';
import { openSendStack } from '../sendStack';
import { openCliProfiles } from './profiles';
import { EXIT, type CliIo } from '../io';

const USAGE =
  'usage: event-tester send <file> [--dry-run] [--verify] [--json] [--settings FILE] [--endpoint URL | --profile NAME] [--type CALL] [--data-dir DIR] [--no-record]';

const COMMAND = {
  name: 'send',
  usage: USAGE,
  options: {
    'dry-run': { type: 'boolean' },
    verify: { type: 'boolean' },
    json: { type: 'boolean' },
    settings: { type: 'string' },
    endpoint: { type: 'string' },
    profile: { type: 'string' },
    type: { type: 'string' },
    ...HISTORY_OPTIONS,
  },
} as const;

export async function runSend(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const usage = (message: string) => usageError(COMMAND, io, message);
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    return usage(
      positionals.length === 0
        ? 'a file with one event is required'
        : `send takes one file, got ${positionals.length}`,
    );
  }
  const impliedType = values.type;
  if (impliedType !== undefined && !(CALL_TYPES as readonly string[]).includes(impliedType)) {
    return usage(`--type must be one of ${CALL_TYPES.join(', ')}, got '${impliedType}'`);
  }

  const fail = (message: string) => {
    io.err(`event-tester send: ${message}`);
    return EXIT.usage;
  };
  const input = await readEventFile(positionals[0]!);
  if (!input.ok) return fail(input.error);
  if (input.value.many && (values['dry-run'] || values.verify))
    return usage('--dry-run and --verify take a file with one event');
  let settings: DestinationSettings | undefined;
  if (values.settings !== undefined) {
    const loaded = await readSettingsFile(values.settings);
    if (!loaded.ok) return fail(loaded.error);
    settings = loaded.value;
  }

  const resolved = await resolveSendTarget(
    values,
    resolveDataDir(values['data-dir'], env),
    env,
    io,
    'send',
    settings,
  );
  if (!resolved.ok) return resolved.error === '' ? EXIT.usage : fail(resolved.error);
  const { target, sandbox } = resolved.value;
  const targetLabel = sandbox ? `${sandbox.url} (embedded sandbox)` : target.endpoint;

  const stack = openSendStack({
    command: 'send',
    dataDir: resolveDataDir(values['data-dir'], env),
    record: !values['no-record'],
    target,
    env,
    io,
  });
  const { sends } = stack;
  // Ctrl+C cancels through the send service, like the app's Cancel: the result still comes back,
  // is recorded and printed (failed CANCELLED, or uncertain if a post was cut off), then exit 130.
  const interrupt = new AbortController();
  void io.interrupted().then(() => interrupt.abort());
  if (input.value.many) {
    try {
      return await sendMany(input.value.events, {
        sends,
        target,
        io,
        json: values.json === true,
        impliedType,
        signal: interrupt.signal,
      });
    } finally {
      stack.close();
      await sandbox?.close();
    }
  }
  let sent;
  try {
    sent = await sends.send({
      event: input.value.events[0],
      targetId: target.id,
      source: 'cli',
      dryRun: values['dry-run'] === true,
      verify: values.verify === true,
      signal: interrupt.signal,
      ...(settings ? { settings } : {}),
      ...(impliedType ? { impliedType: impliedType as CallType } : {}),
    });
  } finally {
    stack.close();
    await sandbox?.close();
  }
  if (!sent.ok) return fail(sent.error);
  const result = sent.value;

  // SECURITY: interactions are redacted at creation; this is a last net over everything printed.
  const scrub = (text: string) =>
    redactText(text, [target.credentials.clientSecret, target.credentials.clientId]);
  io.out(scrub(values.json ? JSON.stringify(result, null, 2) : formatResult(result, targetLabel)));

  // An invalid event is a finding about the input, as in `validate` (exit 1); 2 is for usage errors.
  if (result.code === 'INVALID_EVENT' && values.json)
    io.err(scrub(`event-tester send: ${result.reason ?? 'the event is not valid'}`));
  if (interrupt.signal.aborted) return EXIT.interrupted;
  return result.outcome === 'rejected' || result.outcome === 'failed' || result.outcome === 'uncertain'
    ? EXIT.failed
    : EXIT.ok;
}

/**
 * The target of `send` and `run`: --profile, --endpoint (credentials from the environment) or the
 * embedded sandbox. An empty error means the usage was already printed. A production profile comes
 * with today's calls left (null when Marketo could not say), for the confirmation.
 */
export async function resolveSendTarget(
  values: { profile?: string | undefined; endpoint?: string | undefined },
  dataDir: string,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  command: 'send' | 'run',
  settings?: DestinationSettings,
): Promise<Result<{ target: Target; sandbox?: Sandbox; production: { left: number | null } | null }>> {
  if (values.endpoint !== undefined && values.profile !== undefined) {
    usageError(
      { name: command, usage: command === 'send' ? USAGE : '' },
      io,
      'give --endpoint or --profile, not both',
    );
    return err('');
  }
  if (values.profile !== undefined) {
    const fromProfile = await profileTarget(values.profile, dataDir, env);
    if (!fromProfile.ok) return fromProfile;
    return fromProfile;
  }
  if (values.endpoint !== undefined) {
    const fromEnv = await targetFromEnvironment(env, {
      endpoint: values.endpoint,
      ...(settings ? { settings } : {}),
    });
    if (!fromEnv.ok) return fromEnv;
    if (!fromEnv.value)
      return err('--endpoint needs MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET in the environment');
    if (!settings && command === 'send')
      io.err('event-tester send: no --settings given; using default settings (no track events mapped).');
    return ok({ target: fromEnv.value, production: null });
  }
  const sandbox = await startSandbox();
  return ok({ target: sandboxTarget(sandbox), sandbox, production: null });
}

/** A profile from the app's data folder; the built-in Sandbox starts the embedded sandbox. */
async function profileTarget(
  name: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Result<{ target: Target; sandbox?: Sandbox; production: { left: number | null } | null }>> {
  let sandbox: Sandbox | undefined;
  const profiles = openCliProfiles(dataDir, env, () =>
    sandbox ? { url: sandbox.url, credentials: sandbox.credentials } : null,
  );
  const loaded = await profiles.load();
  if (!loaded.ok) return loaded;
  const profile = await profiles.find(name);
  if (!profile) return err(`there is no profile '${name}' (see 'event-tester profiles list')`);
  if (profile.builtIn) sandbox = await startSandbox();
  const target = await profiles.resolveTarget(profile.id);
  if (!target.ok) {
    await sandbox?.close();
    return target;
  }
  // A production profile: today's calls left, for the confirmation before a run.
  let production: { left: number | null } | null = null;
  if (profile.production) {
    const tested = await profiles.test(profile.id);
    production = { left: tested.ok && tested.value.usage ? tested.value.usage.left : null };
  }
  return ok({ target: target.value, production, ...(sandbox ? { sandbox } : {}) });
}

/**
 * One event, or many: a JSON array, a batch envelope (`{"batch": [...]}`) or NDJSON (one event per
 * line). Many go through the batched path.
 */
async function readEventFile(file: string): Promise<Result<{ events: unknown[]; many: boolean }>> {
  const read = await readInputFile(file, 'event file');
  if (!read.ok) return read;
  const whole = parseJsonText(read.value);
  if (!whole.ok) {
    const lines = read.value.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length < 2) return err(`${file}: ${whole.error.message}`);
    const events: unknown[] = [];
    for (const [i, line] of lines.entries()) {
      const one = parseJsonText(line);
      if (!one.ok)
        return err(`${file}: not JSON, and line ${i + 1} is not a JSON event (NDJSON): ${one.error.message}`);
      events.push(one.value);
    }
    return ok({ events, many: true });
  }
  const value = whole.value;
  if (Array.isArray(value)) return ok({ events: value, many: true });
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'batch')) {
    const batch = (value as { batch: unknown }).batch;
    if (!Array.isArray(batch)) return err(`${file}: "batch" must be an array of events`);
    return ok({ events: batch, many: true });
  }
  return ok({ events: [value], many: false });
}

/** Many events through the batched path: one line per event, or the results as a JSON array. */
async function sendMany(
  events: unknown[],
  options: {
    sends: SendService;
    target: Target;
    io: CliIo;
    json: boolean;
    impliedType: string | undefined;
    signal: AbortSignal;
  },
): Promise<number> {
  const { sends, target, io, signal } = options;
  const impliedType = options.impliedType as CallType | undefined;
  const sent = await sends.sendBatch({
    events: events.map((event) => ({ event, ...(impliedType ? { impliedType } : {}) })),
    targetId: target.id,
    source: 'cli',
    signal,
  });
  if (!sent.ok) {
    io.err(`event-tester send: ${sent.error}`);
    return EXIT.usage;
  }
  const scrub = (text: string) =>
    redactText(text, [target.credentials.clientSecret, target.credentials.clientId]);
  const results = sent.value;
  const calls = new Set(
    results.flatMap((r) =>
      r.interactions.map((i) => `${i.startedAt} ${i.step} ${i.attempt} ${i.request.url}`),
    ),
  ).size;
  if (options.json) io.out(scrub(JSON.stringify(results, null, 2)));
  else {
    const lines = results.map(
      (r, i) =>
        `${String(i + 1).padStart(5)}  ${r.outcome.padEnd(9)} ${r.code ? `${r.code} ` : ''}${r.reason ?? ''}`,
    );
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
    const summary = [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
    io.out(scrub(`${lines.join('\n')}\n${results.length} events: ${summary}; ${calls} API calls (batched)`));
  }
  if (signal.aborted) return EXIT.interrupted;
  return results.some((r) => r.outcome === 'rejected' || r.outcome === 'failed' || r.outcome === 'uncertain')
    ? EXIT.failed
    : EXIT.ok;
}
