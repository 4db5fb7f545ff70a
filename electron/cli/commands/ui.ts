/**
 * `event-tester ui`: the desktop app in a browser, for machines where Electron cannot be installed.
 * Serves the built renderer from 127.0.0.1 with the web host's bridge, backed by the same runtime
 * (handler table, sandbox, store) as the app, until Ctrl+C.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../../package.json';
import { ok } from '../../../shared/result';
import { createUserOnlyFileVault, USER_ONLY_SECRETS_FILE } from '../../core/profiles/secretVault';
import { createRuntime, type Runtime } from '../../core/runtime';
import { startWebHost, type WebHost } from '../../web/server';
import { parsePort, readCommandLine, resolveDataDir, usageError } from '../args';
import { EXIT, type CliIo } from '../io';

const USAGE = `usage: event-tester ui [--port N] [--no-open] [--data-dir DIR]
  --port N        port on 127.0.0.1 (0 to 65535; default: any free port)
  --no-open       print the link only; do not open a browser
  --data-dir DIR  the data folder (default: EVENT_TESTER_HOME, else the desktop app's)`;

const COMMAND = {
  name: 'ui',
  usage: USAGE,
  noPositionals: true,
  options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, 'data-dir': { type: 'string' } },
} as const;

export interface UiOptions {
  /** The built renderer; default: dist/renderer beside this bundle (dist/cli/event-tester.mjs). */
  rendererDir?: string;
  env?: NodeJS.ProcessEnv;
}

interface UiArgs {
  port: number;
  open: boolean;
  dataDir: string;
}

export async function runUi(args: string[], io: CliIo, options: UiOptions = {}): Promise<number> {
  const parsed = parseUiArgs(args, options.env ?? process.env, io);
  if (typeof parsed === 'number') return parsed;
  const rendererDir = options.rendererDir ?? fileURLToPath(new URL('../renderer', import.meta.url));
  const missing = [join(rendererDir, 'index.html'), join(rendererDir, '..', 'web', 'bridge.js')].find(
    (file) => !existsSync(file),
  );
  if (missing) {
    io.err(`event-tester ui: the app is not built (${missing} is missing); run \`npm run build\` first.`);
    return EXIT.usage;
  }
  // Listening from the start, so a Ctrl+C during startup still shuts down cleanly.
  const interrupted = io.interrupted();
  const started = await start(parsed, rendererDir, io);
  if (typeof started === 'number') return started;

  io.out(describe(started.host, started.runtime, parsed.dataDir));
  if (parsed.open) openBrowser(started.host.url, io);
  await interrupted;
  io.out('Stopping...');
  await started.host.close();
  await started.runtime.dispose();
  io.out('Event Tester stopped.');
  return EXIT.ok;
}

/** The parsed arguments, or the exit code once usage or a usage error has been printed. */
function parseUiArgs(args: string[], env: NodeJS.ProcessEnv, io: CliIo): UiArgs | number {
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = values.port === undefined ? ok(0) : parsePort(values.port);
  if (!port.ok) return usageError(COMMAND, io, port.error);
  return { port: port.value, open: !values['no-open'], dataDir: resolveDataDir(values['data-dir'], env) };
}

async function start(
  args: UiArgs,
  rendererDir: string,
  io: CliIo,
): Promise<{ runtime: Runtime; host: WebHost } | number> {
  let host: WebHost | null = null;
  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      userDataDir: args.dataDir,
      version,
      platform: process.platform,
      // --- SECURITY: a Node process has no OS keyring; profile secrets go to a file only this user
      // can read (0600), and the profile editor says so.
      vault: createUserOnlyFileVault(join(args.dataDir, USER_ONLY_SECRETS_FILE)),
      // Pushes before the host is listening have no page to go to anyway.
      emit: (channel, payload) => host?.push(channel, payload),
      onWarning: (message) => io.err(`event-tester ui: ${message}`),
    });
  } catch (error) {
    io.err(`event-tester ui: could not start: ${(error as Error).message}`);
    return EXIT.failed;
  }
  try {
    host = await startWebHost({
      handlers: runtime.handlers,
      rendererDir,
      port: args.port,
      // --- SECURITY: logs end up in bug reports; credentials are scrubbed before printing.
      onError: (channel, error) =>
        io.err(
          `event-tester ui: ${channel} failed: ${runtime.redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
        ),
    });
  } catch (error) {
    await runtime.dispose();
    io.err(`event-tester ui: ${listenProblem(error, args.port)}`);
    return EXIT.usage;
  }
  return { runtime, host };
}

function listenProblem(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `port ${port} is already in use (another event-tester ui?); choose another with --port, or omit it for a free one`;
  }
  if (code === 'EACCES') return `not allowed to listen on port ${port}; choose a port above 1023`;
  return `could not start the web server: ${(error as Error).message}`;
}

function describe(host: WebHost, runtime: Runtime, dataDir: string): string {
  return [
    'Event Tester is running in your browser at:',
    '',
    `  ${host.url}`,
    '',
    "The link carries this session's token: whoever has it can use Event Tester as you while this",
    'command runs, so do not share it. It works on this computer only (127.0.0.1).',
    `  data folder      ${dataDir}`,
    `  Marketo sandbox  ${runtime.sandbox.url}`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}

/** The default browser, detached; if that fails the printed link is the way in. */
function openBrowser(url: string, io: CliIo): void {
  const [command, args, verbatim] =
    process.platform === 'darwin'
      ? ['open', [url], false]
      : process.platform === 'win32'
        ? // `start` takes the first quoted argument as a window title, hence the empty one.
          ['cmd', ['/c', 'start', '""', url.replaceAll('&', '^&')], true]
        : ['xdg-open', [url], false];
  const tell = () => io.err('Could not open a browser; open the link above yourself.');
  try {
    const child = spawn(command, args, {
      detached: true,
      stdio: 'ignore',
      windowsVerbatimArguments: verbatim,
    });
    child.once('error', tell);
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) tell();
    });
    child.unref();
  } catch {
    tell();
  }
}
