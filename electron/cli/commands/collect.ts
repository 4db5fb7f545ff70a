/**
 * `event-tester collect`: the local collector, headless, until Ctrl+C. Events go into the shared
 * store (the app's Debugger and `event-tester events` read them) and are printed as they arrive;
 * with `--forward PROFILE` every good event is also delivered through the send service.
 */
import type { ReceivedEventSummary } from '../../../shared/collector';
import { err, ok, type Result } from '../../../shared/result';
import {
  createDeliveryEngine,
  createSendService,
  createTargetRegistry,
  ENV_TARGET_ID,
  openHistory,
  sandboxTarget,
  SANDBOX_TARGET_ID,
  startSandbox,
  targetFromEnvironment,
  type Sandbox,
  type Target,
} from '../../core';
import { DEFAULT_COLLECTOR_PORT, startCollector, TEST_ROUTES, type Collector } from '../../core/collector';
import { parsePort, readCommandLine, resolveDataDir, usageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { openCliProfiles } from './profiles';

const USAGE = `usage: event-tester collect [--port N] [--forward PROFILE [--production]] [--data-dir DIR]
  --port N          port on 127.0.0.1 (default ${DEFAULT_COLLECTOR_PORT}; 0 picks a free one)
  --forward PROFILE deliver every good event to PROFILE: sandbox (an embedded one), a profile's name
                    or id (see 'event-tester profiles list'), or marketo-env (MARKETO_ENDPOINT,
                    MARKETO_CLIENT_ID, MARKETO_CLIENT_SECRET, MARKETO_SETTINGS)
  --production      needed to forward to a production profile (the app asks; here you say so)
  --data-dir DIR    the data folder (default: EVENT_TESTER_HOME, else the desktop app's)`;

const COMMAND = {
  name: 'collect',
  usage: USAGE,
  noPositionals: true,
  options: {
    port: { type: 'string' },
    forward: { type: 'string' },
    production: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
} as const;

interface Forwarding {
  target: Target;
  sandbox: Sandbox | null;
}

export async function runCollect(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = values.port === undefined ? ok(DEFAULT_COLLECTOR_PORT) : parsePort(values.port);
  if (!port.ok) return usageError(COMMAND, io, port.error);
  const fail = (message: string) => {
    io.err(`event-tester collect: ${message}`);
    return EXIT.usage;
  };

  const dataDir = resolveDataDir(values['data-dir'], env);
  const history = openHistory({ dataDir });
  if (!history.store) return fail(history.problem ?? 'the store could not be opened');
  const interrupted = io.interrupted();
  let forwarding: Forwarding | null = null;
  let collector: Collector | null = null;
  // Forwarded events share the machine's rate budget per instance with the app and other CLIs.
  const engine = createDeliveryEngine({ ledger: history.store.callLedger });
  try {
    if (values.forward !== undefined) {
      const resolved = await forwardTarget(values.forward, { dataDir, env, production: values.production });
      if (!resolved.ok) return fail(resolved.error);
      forwarding = resolved.value;
    }
    const sends = forwarding
      ? createSendService({
          engine,
          targets: createTargetRegistry([forwarding.target]),
          recorder: history.store.deliveries,
          onRecordFailed: (message) => io.err(`event-tester collect: ${message}`),
        })
      : undefined;
    try {
      collector = await startCollector({
        store: history.store.received,
        port: port.value,
        onEvents: (events) => events.forEach((event) => io.out(formatLine(event))),
        onWarning: (message) => io.err(`event-tester collect: ${message}`),
        ...(sends && forwarding ? { sends, forwardAllTo: forwarding.target.id } : {}),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        return fail(
          `port ${port.value} is already in use (the app's collector?); choose another with --port`,
        );
      return fail(`could not start: ${(error as Error).message}`);
    }
    io.out(describe(collector, forwarding, history.path));
    await interrupted;
    await collector.forwardingIdle();
    io.out('Collector stopped.');
    return EXIT.ok;
  } finally {
    await collector?.close();
    engine.close();
    history.store.close();
    await forwarding?.sandbox?.close();
  }
}

async function forwardTarget(
  name: string,
  options: { dataDir: string; env: NodeJS.ProcessEnv; production: boolean | undefined },
): Promise<Result<Forwarding>> {
  if (name === SANDBOX_TARGET_ID) {
    const sandbox = await startSandbox();
    return ok({ target: sandboxTarget(sandbox), sandbox });
  }
  // The MARKETO_* variables are read only when asked for: with a profile they hold its credentials.
  if (name !== ENV_TARGET_ID) return profileForwarding(name, options);
  const fromEnv = await targetFromEnvironment(options.env);
  if (!fromEnv.ok) return fromEnv;
  if (fromEnv.value === null)
    return err('--forward marketo-env needs MARKETO_ENDPOINT, MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET');
  return ok({ target: fromEnv.value, sandbox: null });
}

/** A profile of the app's data folder; forwarding to a production one needs --production. */
async function profileForwarding(
  name: string,
  options: { dataDir: string; env: NodeJS.ProcessEnv; production: boolean | undefined },
): Promise<Result<Forwarding>> {
  let sandbox: Sandbox | null = null;
  const profiles = openCliProfiles(options.dataDir, options.env, () =>
    sandbox ? { url: sandbox.url, credentials: sandbox.credentials } : null,
  );
  const loaded = await profiles.load();
  if (!loaded.ok) return loaded;
  const profile = await profiles.find(name);
  if (!profile)
    return err(`--forward takes sandbox, marketo-env or a profile; there is no profile '${name}'`);
  // --- SECURITY (of the user's Marketo data): unattended sends to production are opted into, never defaulted.
  if (profile.production && options.production !== true)
    return err(
      `'${profile.name}' is a production profile: every good event would be sent to it; add --production to confirm`,
    );
  if (profile.builtIn) sandbox = await startSandbox();
  const target = await profiles.resolveTarget(profile.id);
  if (!target.ok) {
    await sandbox?.close();
    return target;
  }
  return ok({ target: target.value, sandbox });
}

export function formatLine(event: ReceivedEventSummary): string {
  const time = event.arrivedAt.slice(11, 23);
  const name = event.eventName !== null ? ` "${event.eventName}"` : '';
  const who = event.userId ?? event.anonymousId ?? '(no id)';
  const verdict = event.good
    ? 'good'
    : `BAD (${event.problemCount} problem${event.problemCount === 1 ? '' : 's'})`;
  return `${time}  ${(event.type ?? '?').padEnd(8)}${name}  ${who}  ${event.sourceName}  ${verdict}`;
}

function describe(collector: Collector, forwarding: Forwarding | null, path: string | null): string {
  return [
    `Collector listening on ${collector.url} (Segment's tracking API)`,
    '',
    'Point a library at it:',
    `  analytics-node   new Analytics({ writeKey: 'dev', host: '${collector.url}' })`,
    `  analytics.js     AnalyticsBrowser.load({ writeKey: 'dev', cdnURL: '${collector.url}' },`,
    `                     { integrations: { 'Segment.io': { apiHost: '127.0.0.1:${collector.port}/v1', protocol: 'http' } } })`,
    `  curl             curl -u dev: -H 'Content-Type: application/json' ${collector.url}/v1/track \\`,
    `                     -d '{"event":"Webinar Registered","userId":"user-1001"}'`,
    '',
    forwarding
      ? `Forwarding good events to ${forwarding.target.name} (${forwarding.target.endpoint}).`
      : 'Not forwarding (add --forward sandbox to deliver events).',
    `Stored in ${path ?? 'the data folder'}; read them with 'event-tester events' and 'event-tester schema'.`,
    '',
    'Test routes (loopback only):',
    ...TEST_ROUTES.map((route) => `  ${route}`),
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}
