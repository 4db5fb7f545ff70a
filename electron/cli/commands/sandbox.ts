import { ADMIN_ROUTES, startSandbox, type Sandbox } from '../../core/sandbox';
import { EXIT, type CliIo } from '../io';

const USAGE = 'Usage: event-tester sandbox [--port N]   (N from 0 to 65535; 0 or omitted picks a free port)';

/** `event-tester sandbox [--port N]`: runs the embedded Marketo sandbox until interrupted. */
export async function runSandbox(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if ('help' in parsed) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if ('error' in parsed) {
    io.err(`event-tester sandbox: ${parsed.error}\n${USAGE}`);
    return EXIT.usage;
  }

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port: parsed.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.err(
        `event-tester sandbox: port ${parsed.port} is already in use; choose another with --port, or omit it`,
      );
    } else if (code === 'EACCES') {
      io.err(`event-tester sandbox: not allowed to listen on port ${parsed.port}; choose a port above 1023`);
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

function parseArgs(args: string[]): { port: number } | { error: string } | { help: true } {
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    let value: string | undefined;
    if (arg === '--port') value = args[++i];
    else if (arg.startsWith('--port=')) value = arg.slice('--port='.length);
    else return { error: `unknown argument '${arg}'` };
    if (value === undefined) return { error: '--port needs a value' };
    if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      return { error: `--port must be a whole number from 0 to 65535, got '${value}'` };
    }
    port = Number(value);
  }
  return { port };
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
