import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core';
import { DeliveryResultSchema } from '../../shared/interaction';

const ROOT = resolve(__dirname, '../..');
const SECRET = 'cli-test-secret-6d1f0c2a';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let dir: string;
let cli: string;
let sandbox: Sandbox;
/** Every byte the CLI printed in this file, scanned for secrets at the end. */
const printed: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async on purpose: the test's own sandbox must keep answering while the CLI runs. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
  whileRunning?: (child: ChildProcess) => void,
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, 'send', ...args], {
      cwd: dir,
      // The history goes to a folder of the test's own, never the developer's app data.
      env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: join(dir, 'home'), ...env },
    });
    whileRunning?.(child);
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

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const track = {
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  properties: { webinar: 'CLI Webinar', seats: 3, channel: 'cli' },
  context: { traits: { email: 'ada@example.com' } },
};

const credentials = () => ({
  MARKETO_CLIENT_ID: sandbox.credentials.clientId,
  MARKETO_CLIENT_SECRET: SECRET,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-send-'));
  cli = join(ROOT, 'dist/cli/event-tester.mjs'); // built once by test/helpers/buildCli.ts
  sandbox = await startSandbox({ clientSecret: SECRET });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());

describe('event-tester send on the embedded sandbox', () => {
  it('delivers and prints the outcome and the lifecycle', async () => {
    const run = await runCli([file('track.json', track)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DELIVERED {2}Marketo added activity/);
    expect(run.stdout).toMatch(
      /1\/3 token +GET +http:\/\/127\.0\.0\.1:\d+\/identity\/oauth\/token\?grant_type=client_credentials&client_id=\[REDACTED\]&client_secret=\[REDACTED\] +200 +\d+ ms/,
    );
    expect(run.stdout).toMatch(/2\/3 lead-lookup +GET .*filterType=email.* 200 /);
    expect(run.stdout).toMatch(/3\/3 activity-post +POST .*activities\/external\.json +200 /);
    expect(run.stdout).toContain('embedded sandbox');
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    const run = await runCli([file('track.json', track), '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PLANNED/);
    expect(run.stdout).toMatch(/Plan \(4 calls, nothing sent\)/);
    expect(run.stdout).toContain('{{leadId}}');
    expect(run.stdout).not.toContain('Lifecycle');
  });

  it('--json prints the DeliveryResult', async () => {
    const run = await runCli([file('track.json', track), '--json']);
    expect(run.code).toBe(0);
    const result = DeliveryResultSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({
      outcome: 'delivered',
      dryRun: false,
      warnings: [],
      source: 'cli',
      targetId: 'sandbox',
    });
    expect(result.interactions.map((i) => i.step)).toEqual(['token', 'lead-lookup', 'activity-post']);
    expect(result.plan.map((c) => c.step)).toEqual(['token', 'lead-lookup', 'lead-lookup', 'activity-post']);
    expect(Object.keys(JSON.parse(run.stdout)).sort()).toEqual(
      [
        'id',
        'startedAt',
        'finishedAt',
        'source',
        'targetId',
        'dryRun',
        'interactions',
        'outcome',
        'plan',
        'reason',
        'warnings',
      ].sort(),
    );
  });

  it('exits 1 with the reason and hint for a rejected event', async () => {
    const run = await runCli([file('unmapped.json', { ...track, event: 'Order Completed' })]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^REJECTED {2}The track event "Order Completed" is not mapped/);
    expect(run.stdout).toMatch(/code: UNMAPPED_EVENT/);
    expect(run.stdout).toMatch(/hint: /);
  });

  it('exits 1 for an invalid event, located, as validate does (2 stays for usage errors)', async () => {
    const run = await runCli([file('invalid.json', { type: 'track', userId: 'u' })]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^REJECTED .*\$\.event/);
    expect(run.stdout).toMatch(/code: INVALID_EVENT/);
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'an event named "%s" is UNMAPPED_EVENT, exit 1',
    async (name) => {
      const run = await runCli([file(`proto-${name}.json`, { ...track, event: name })]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/code: UNMAPPED_EVENT/);
    },
  );

  it('--verify reads the activity back and prints it beside what was sent', async () => {
    const run = await runCli([file('track.json', track), '--verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Read back: activity \d+ as Marketo stored it:/);
    expect(run.stdout).toMatch(/same {2}primaryAttributeValue +sent "CLI Webinar" {2}stored "CLI Webinar"/);
    expect(run.stdout).toMatch(/same {2}attributes\.seats +sent 3 {2}stored 3/);
    expect(run.stdout).toMatch(/4\/5 paging-token +GET .*pagingtoken\.json\?sinceDatetime=/);
    expect(run.stdout).toMatch(/5\/5 activity-read +GET .*activities\.json\?nextPageToken=/);
  });

  it('exits 0 for a skipped event', async () => {
    const run = await runCli([file('off.json', { ...track, integrations: { 'Marketo V2': false } })]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SKIPPED/);
  });

  it('--type supplies the call type of a body without one', async () => {
    const { type: _type, ...body } = track;
    const run = await runCli([file('untyped.json', body), '--type', 'track']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DELIVERED/);
  });
});

describe('event-tester send --endpoint', () => {
  it('delivers to the given endpoint with credentials from the environment and --settings', async () => {
    const settings = file('settings.json', {
      formatVersion: 1,
      activities: {
        'Trial Started': { activityTypeId: 100102, primaryProperty: 'plan', attributes: {} },
      },
    });
    const event = file('trial.json', {
      type: 'track',
      event: 'Trial Started',
      userId: 'user-1002',
      properties: { plan: 'pro' },
    });
    const run = await runCli(
      [event, '--endpoint', `http://127.0.0.1:${sandbox.port}`, '--settings', settings],
      credentials(),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sandbox.activities()).toMatchObject([
      { leadId: 1002, activityTypeId: 100102, primaryAttributeValue: 'pro' },
    ]);
    expect(run.stdout).toContain(`http://127.0.0.1:${sandbox.port}`);
  });

  it('exits 1 and shows every attempt when Marketo keeps refusing', async () => {
    sandbox.faults.add({ kind: '608', scope: 'activities', count: 10 });
    const settings = file('retry.json', {
      ...sandbox.settings,
      retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
    });
    const run = await runCli(
      [file('track.json', track), '--endpoint', sandbox.url, '--settings', settings],
      credentials(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAILED {2}The activity post failed after 3 attempts: 608/);
    expect(run.stdout).toMatch(/activity-post +POST .* 200 +\d+ ms {2}attempt 3/);
    expect(run.stdout).toMatch(/transient \(608\): /);
  });

  it('Ctrl+C cancels the send in flight: the cancelled result is printed, exit 130', async () => {
    // A slow Marketo: the lead lookup's answer is held back, and Ctrl+C comes while it is on the wire.
    sandbox.faults.add({ kind: 'delay', scope: 'leads', count: 1, delayMs: 60_000 });
    const settings = file('sandbox-settings.json', sandbox.settings);
    const run = await runCli(
      [file('track.json', track), '--json', '--endpoint', sandbox.url, '--settings', settings],
      credentials(),
      (child) =>
        void expect
          .poll(() => sandbox.faults.list().length, { timeout: 20_000 })
          .toBe(0)
          .then(() => child.kill('SIGINT')),
    );
    expect(run.code).toBe(130);
    const result = DeliveryResultSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({
      outcome: 'failed',
      code: 'CANCELLED',
      reason: 'Cancelled before anything was posted to Marketo.',
    });
    expect(result.interactions.at(-1)).toMatchObject({ step: 'lead-lookup', error: { code: 'ABORTED' } });
    expect(sandbox.activities()).toEqual([]);
  });

  it('reports bad credentials with exit 1 and a hint', async () => {
    const identify = file('identify.json', {
      type: 'identify',
      userId: 'user-1001',
      traits: { email: 'ada@example.com' },
    });
    const run = await runCli([identify, '--endpoint', sandbox.url], {
      MARKETO_CLIENT_ID: sandbox.credentials.clientId,
      MARKETO_CLIENT_SECRET: 'not-the-secret',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAILED .*HTTP 401/);
    expect(run.stdout).toMatch(/LaunchPoint/);
    expect(run.stdout + run.stderr).not.toContain('not-the-secret');
  });

  it('refuses plain http to a non-loopback host', async () => {
    const run = await runCli(
      [file('track.json', track), '--endpoint', 'http://123-abc-456.mktorest.com'],
      credentials(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/plain http:\/\/ is allowed only for this machine/);
  });

  it('names the missing credential variables', async () => {
    const run = await runCli([file('track.json', track), '--endpoint', sandbox.url], {
      MARKETO_CLIENT_ID: 'x',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/MARKETO_CLIENT_SECRET/);
    expect(run.stderr).not.toMatch(/MARKETO_CLIENT_ID and/);
  });
});

describe.concurrent('event-tester send: usage and input errors exit 2', () => {
  it.each([
    ['no file', [], /a file with one event is required/],
    ['an unknown option', ['x.json', '--fast'], /unknown option '--fast'/],
    ['a bad --type', ['x.json', '--type', 'purchase'], /--type must be one of/],
    ['a missing file', ['missing.json'], /cannot read event file missing\.json \(ENOENT\)/],
  ])('%s', async (_name, args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('a file with two events goes through the batched path, but not with --dry-run (issue 10)', async () => {
    const run = await runCli([file('two.json', [track, track])]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 events: 2 delivered/);
    const dry = await runCli([file('two.json', [track, track]), '--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/--dry-run and --verify take a file with one event/);
  });

  it('broken JSON, located', async () => {
    const run = await runCli([file('broken.json', '{\n  "type": "track",\n  "event": \n}')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line \d+, column \d+/);
  });

  it('invalid settings, located', async () => {
    const settings = file('bad-settings.json', {
      formatVersion: 1,
      activities: { 'Webinar Registered': { activityTypeId: 'x', primaryProperty: 'webinar' } },
    });
    const run = await runCli([file('track.json', track), '--settings', settings]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\$\.activities\["Webinar Registered"\]\.activityTypeId: /);
  });
});

describe('secrets', () => {
  it('no client secret or access token appears in anything the CLI printed', async () => {
    const query = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.credentials.clientId,
      client_secret: SECRET,
    });
    const token = (
      (await (await fetch(`${sandbox.url}/identity/oauth/token?${query.toString()}`)).json()) as {
        access_token: string;
      }
    ).access_token;
    // Also run one more send so the token in use now is one the CLI saw.
    await runCli([file('track.json', track), '--endpoint', sandbox.url, '--json'], credentials());
    const all = printed.join('\n');
    expect(printed.length).toBeGreaterThan(20);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(token);
    // The embedded sandbox's random secret and every token are UUID-shaped; none may show.
    expect(all).not.toMatch(UUID);
  });
});
