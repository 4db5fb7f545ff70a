import { ok } from '../../../shared/result';
import { ADMIN_ROUTES, startSandbox, type Sandbox } from '../../core/sandbox';
import { parsePort, readCommandLine, usageError } from '../args';
import { EXIT, type CliIo } from '../io';

const USAGE = 'Usage: event-tester sandbox [--port N]   (N from 0 to 65535; 0 or omitted picks a free port)';

const COMMAND = {
  name: 'sandbox',
  usage: USAGE,
  noPositionals: true,
  options: { port: { type: 'string' } },
} as const;

/** `event-tester sandbox [--port N]`: runs the embedded Marketo sandbox until interrupted. */
export async function runSandbox(args: string[], io: CliIo): Promise<number> {
  const usage = (message: string) => usageError(COMMAND, io, message);
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = values.port === undefined ? ok(0) : parsePort(values.port);
  if (!port.ok) return usage(port.error);
  const parsedPort = port.value;

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port: parsedPort });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.err(
        `event-tester sandbox: port ${parsedPort} is already in use; choose another with --port, or omit it`,
      );
    } else if (code === 'EACCES') {
      io.err(`event-tester sandbox: not allowed to listen on port ${parsedPort}; choose a port above 1023`);
    } else {
      io.err(`event-tester sandbox: could not start: ${(error as Error).message}`);
    }
    return EXIT.usage;
  }

  io.out(describe(sandbox));
  await io.interrupted();
  await sandbox.close();
  io.out('Sandbox stopped.');
  return EXIT.ok;
}

function describe(sandbox: Sandbox): string {
  const { clientId, clientSecret } = sandbox.credentials;
  // These are the sandbox's own throwaway credentials, made for this run; printing them is the point.
  return [
    `Marketo sandbox listening on ${sandbox.url}`,
    `  identity       ${sandbox.url}/identity/oauth/token`,
    `  REST           ${sandbox.url}/rest/v1/...`,
    `  client id      ${clientId}`,
    `  client secret  ${clientSecret}   (throwaway: valid only while this sandbox runs)`,
    '',
    'Send to it from another shell (save its settings first):',
    `  curl -s ${sandbox.url}/__sandbox/settings > sandbox.settings.json`,
    `  MARKETO_CLIENT_ID=${clientId} MARKETO_CLIENT_SECRET=${clientSecret} \\`,
    `    event-tester send --endpoint ${sandbox.url} --settings sandbox.settings.json <event.json>`,
    '',
    'Admin routes (not Marketo; not counted in stats):',
    ...ADMIN_ROUTES.map((route) => `  ${route}`),
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}
