/**
 * `event-tester send <file>`: deliver one event to Marketo (or the embedded sandbox) through the
 * send service, record it in the history the app shows, and print the outcome and every exchange.
 */
import {
  createDeliveryEngine,
  createSendService,
  createTargetRegistry,
  openHistory,
  redactText,
  sandboxTarget,
  startSandbox,
  targetFromEnvironment,
  type Sandbox,
  type Target,
} from '../../core';
import { readJsonFile, readSettingsFile } from '../../core/settingsFile';
import { err, ok, type Result } from '../../../shared/result';
import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import type { DestinationSettings } from '../../../shared/settings';
import { HISTORY_OPTIONS, readCommandLine, resolveDataDir, usageError } from '../args';
import { formatResult } from '../format';
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
  let settings: DestinationSettings | undefined;
  if (values.settings !== undefined) {
    const loaded = await readSettingsFile(values.settings);
    if (!loaded.ok) return fail(loaded.error);
    settings = loaded.value;
  }

  let target: Target;
  let sandbox: Sandbox | undefined;
  if (values.endpoint !== undefined && values.profile !== undefined) {
    return usage('give --endpoint or --profile, not both');
  }
  if (values.profile !== undefined) {
    const fromProfile = await profileTarget(values.profile, resolveDataDir(values['data-dir'], env), env);
    if (!fromProfile.ok) return fail(fromProfile.error);
    ({ target, sandbox } = fromProfile.value);
  } else if (values.endpoint !== undefined) {
    const fromEnv = await targetFromEnvironment(env, {
      endpoint: values.endpoint,
      ...(settings ? { settings } : {}),
    });
    if (!fromEnv.ok) return fail(fromEnv.error);
    if (!fromEnv.value)
      return fail('--endpoint needs MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET in the environment');
    if (!settings)
      io.err('event-tester send: no --settings given; using default settings (no track events mapped).');
    target = fromEnv.value;
  } else {
    sandbox = await startSandbox();
    target = sandboxTarget(sandbox);
  }
  const targetLabel = sandbox ? `${sandbox.url} (embedded sandbox)` : target.endpoint;

  const history = openHistory({
    dataDir: resolveDataDir(values['data-dir'], env),
    record: !values['no-record'],
  });
  if (history.problem && !values['no-record'])
    io.err(`event-tester send: not recorded in history: ${history.problem}`);
  // The store's call ledger: this process shares one rate budget per instance with the app and other CLIs.
  const engine = createDeliveryEngine({
    ...(history.store ? { ledger: history.store.callLedger } : {}),
    ...rateWindowForTests(env),
  });
  const sends = createSendService({
    engine,
    targets: createTargetRegistry([target]),
    recorder: history.store?.deliveries ?? null,
    onRecordFailed: (message) => io.err(`event-tester send: ${message}`),
  });
  let sent;
  try {
    sent = await sends.send({
      event: input.value,
      targetId: target.id,
      source: 'cli',
      dryRun: values['dry-run'] === true,
      verify: values.verify === true,
      ...(settings ? { settings } : {}),
      ...(impliedType ? { impliedType: impliedType as CallType } : {}),
    });
  } finally {
    engine.close();
    history.store?.close();
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
  return result.outcome === 'rejected' || result.outcome === 'failed' || result.outcome === 'uncertain'
    ? EXIT.failed
    : EXIT.ok;
}

/** A profile from the app's data folder; the built-in Sandbox starts the embedded sandbox. */
async function profileTarget(
  name: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Result<{ target: Target; sandbox?: Sandbox }>> {
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
  return ok({ target: target.value, ...(sandbox ? { sandbox } : {}) });
}

async function readEventFile(file: string): Promise<Result<unknown>> {
  const loaded = await readJsonFile(file, 'event file');
  if (!loaded.ok) return loaded;
  const value = loaded.value;
  const count = Array.isArray(value)
    ? value.length
    : value !== null && typeof value === 'object' && 'batch' in value && Array.isArray(value.batch)
      ? value.batch.length
      : 1;
  if (count !== 1) {
    return err(
      `${file} holds ${count} events; send takes exactly one (use 'event-tester validate' for several)`,
    );
  }
  return ok(value);
}

/**
 * Marketo's rate window is 20 s. Tests that run several CLI processes against a sandbox with a
 * shrunk window set EVENT_TESTER_RATE_WINDOW_MS to match it; nothing else should.
 */
function rateWindowForTests(env: NodeJS.ProcessEnv): { windowMs?: number } {
  const raw = env.EVENT_TESTER_RATE_WINDOW_MS;
  const windowMs = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(windowMs) && windowMs >= 100 && windowMs <= 20_000 ? { windowMs } : {};
}
