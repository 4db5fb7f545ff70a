import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUi } from '../../electron/cli/commands/ui';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/http/staticAssets';
import { TOKEN_HEADER } from '../../electron/web/wire';

/** `event-tester ui` as users run it: the built CLI serving the built renderer, stopped with Ctrl+C. */

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli/event-tester.mjs');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)/;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'event-tester-cli-ui-'));
  // The global setup builds the CLI and the bridge; the renderer only when a previous build is missing.
  if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startCli(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [CLI, 'ui', ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: join(dir, 'home') },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return { child, output: () => output, exit };
}

async function waitFor(output: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const match = pattern.exec(output());
    if (match) return match;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`timed out waiting for ${pattern}; output:\n${output()}`);
}

describe('event-tester ui', () => {
  it('prints a link with the token, serves the app there, and stops cleanly on SIGINT', async () => {
    const run = startCli(['--port', '0', '--no-open', '--data-dir', join(dir, 'data')]);
    try {
      const [url, port, token] = await waitFor(run.output, URL_PATTERN);
      expect(run.output()).toContain('Press Ctrl+C to stop.');

      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const html = await page.text();
      expect(html).toContain('<script src="/__bridge.js"></script>');
      expect((await fetch(`http://127.0.0.1:${port}/__bridge.js`)).status).toBe(200);

      const info = await fetch(`http://127.0.0.1:${port}/ipc/app:info`, {
        method: 'POST',
        headers: { [TOKEN_HEADER]: token!, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(await info.json()).toMatchObject({ ok: true, value: { platform: process.platform } });
      const refused = await fetch(`http://127.0.0.1:${port}/ipc/app:info`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(refused.status).toBe(403);

      run.child.kill('SIGINT');
      expect(await run.exit).toBe(0);
      expect(run.output()).toContain('Event Tester stopped.');
      await expect(fetch(url!)).rejects.toThrow();
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 60_000);

  it('explains a port in use and exits 2', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = startCli(['--port', String(port), '--no-open', '--data-dir', join(dir, 'data')]);
      expect(await run.exit).toBe(2);
      expect(run.output()).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('refuses bad arguments with the usage and exit 2', async () => {
    for (const args of [['--port', '70000'], ['--port'], ['--bogus'], ['extra']]) {
      const run = startCli(args);
      expect(await run.exit, args.join(' ')).toBe(2);
      expect(run.output()).toContain('usage: event-tester ui');
    }
  }, 60_000);

  it('says to build first when the renderer is missing', async () => {
    const lines: string[] = [];
    const io = {
      out: (t: string) => lines.push(t),
      err: (t: string) => lines.push(t),
      interrupted: () => new Promise<void>(() => {}),
    };
    const code = await runUi(['--no-open', '--data-dir', join(dir, 'data')], io, {
      rendererDir: join(dir, 'nothing'),
    });
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/run `npm run build`/);
  });
});
