import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core';
import { openDatabase } from '../../electron/core/store/database';
import { DATABASE_FILE } from '../../electron/core/store/index';

const ROOT = resolve(__dirname, '../..');
const SECRET = 'cli-profile-secret-93b7e1';

let dir: string;
let home: string;
let cli: string;
let sandbox: Sandbox;
const printed: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI against a data folder of the test's own; async so our sandbox keeps answering. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: home, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      printed.push(stdout, stderr);
      done({ code, stdout, stderr });
    });
  });
}

const credentials = (secret = SECRET) => ({ MARKETO_CLIENT_ID: 'second-cli', MARKETO_CLIENT_SECRET: secret });

const track = {
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  properties: { webinar: 'Profile Webinar', seats: 2, channel: 'cli' },
  context: { traits: { email: 'ada@example.com' } },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-profiles-'));
  home = join(dir, 'home');
  cli = join(ROOT, 'dist/cli/event-tester.mjs'); // built once by test/helpers/buildCli.ts
  // A second Marketo, with credentials of its own, as a real instance would have.
  sandbox = await startSandbox({ clientId: 'second-cli', clientSecret: SECRET });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(sandbox.settings));
  writeFileSync(join(dir, 'track.json'), JSON.stringify(track));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.sequential('event-tester profiles and send --profile', () => {
  it('adds a profile (URL normalised) and lists it beside the built-in Sandbox', async () => {
    const add = await runCli([
      'profiles',
      'add',
      'Second Marketo',
      '--endpoint',
      ` ${sandbox.url}/rest/ `,
      '--settings',
      join(dir, 'settings.json'),
      '--production',
    ]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Added profile 'Second Marketo'`);
    expect(add.stdout).toContain(`for ${sandbox.url}.`);
    const list = await runCli(['profiles', 'list']);
    expect(list.stdout).toMatch(/^Sandbox .*\(embedded sandbox\).*active, built in/m);
    expect(list.stdout).toMatch(
      new RegExp(`^Second Marketo +${sandbox.url.replace(/\./g, '\\.')} +PRODUCTION`, 'm'),
    );
  });

  it('tests the connection with the environment credentials and shows the day’s usage', async () => {
    sandbox.reset();
    const run = await runCli(['profiles', 'test', 'second marketo'], credentials());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^CONNECTED {2}http:\/\/127\.0\.0\.1:\d+ in \d+ ms/);
    expect(run.stdout).toMatch(/1 of 50,000 API calls used on \d{4}-\d{2}-\d{2} \(49,999 left\)/);
    // The usage call took its slot in the rate budget the app and other CLIs share.
    const db = openDatabase(join(home, DATABASE_FILE));
    try {
      const row = db
        .prepare<{ n: number }>('SELECT COUNT(*) AS n FROM call_ledger WHERE instance = ?')
        .get(sandbox.url);
      expect(row?.n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('explains a wrong secret (401) and never prints it', async () => {
    const run = await runCli(['profiles', 'test', 'Second Marketo'], credentials('wrong-secret-0000'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^FAILED {2}Bad client credentials \(401\) \(HTTP 401, at token\)/);
    expect(run.stderr).toMatch(/hint: Marketo refused the client id or secret.*LaunchPoint/);
    expect(run.stdout + run.stderr).not.toContain('wrong-secret-0000');
  });

  it('sends with --profile: the profile’s endpoint and settings, recorded in the shared history', async () => {
    const before = sandbox.activities().length;
    const run = await runCli(['send', join(dir, 'track.json'), '--profile', 'Second Marketo'], credentials());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DELIVERED/);
    expect(run.stdout).toContain(`target: ${sandbox.url}`);
    expect(sandbox.activities()).toHaveLength(before + 1);
    const history = await runCli(['history', '--json']);
    expect(history.stdout).toContain('"outcome": "delivered"');
  });

  it('sends with --profile Sandbox to the embedded sandbox, and needs credentials for others', async () => {
    const embedded = await runCli(['send', join(dir, 'track.json'), '--profile', 'sandbox', '--no-record']);
    expect(embedded.code).toBe(0);
    expect(embedded.stdout).toMatch(/target: http:\/\/127\.0\.0\.1:\d+ \(embedded sandbox\)/);
    const missing = await runCli(['send', join(dir, 'track.json'), '--profile', 'Second Marketo']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no client id and secret yet.*MARKETO_CLIENT_ID/);
  });

  it('refuses plain http to another machine, both for a profile and for send --endpoint', async () => {
    const add = await runCli(['profiles', 'add', 'Remote', '--endpoint', 'http://123-abc-456.mktorest.com']);
    expect(add.code).toBe(2);
    expect(add.stderr).toMatch(/plain http:\/\/ is allowed only for this machine/);
    const started = Date.now();
    const send = await runCli(
      ['send', join(dir, 'track.json'), '--endpoint', 'http://10.255.255.1:9'],
      credentials(),
    );
    expect(send.code).toBe(2);
    expect(send.stderr).toMatch(/plain http:\/\/ is allowed only for this machine/);
    // Refused before connecting: a connection to that unroutable address would hang for seconds.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps the built-in Sandbox, removes others, and wrote no secret anywhere', async () => {
    const sandboxRemoval = await runCli(['profiles', 'remove', 'Sandbox']);
    expect(sandboxRemoval.code).toBe(2);
    expect(sandboxRemoval.stderr).toMatch(/built in and cannot be deleted/);
    const removal = await runCli(['profiles', 'remove', 'Second Marketo']);
    expect(removal.code).toBe(0);
    for (const name of readdirSync(home)) {
      if (name.endsWith('.db') || name.includes('-wal') || name.includes('-shm')) continue;
      expect(readFileSync(join(home, name), 'utf8'), name).not.toContain(SECRET);
    }
    for (const text of printed) expect(text).not.toContain(SECRET);
  });
});
