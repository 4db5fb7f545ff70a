import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';

const ROOT = resolve(__dirname, '../..');
const EXAMPLES = ['webinar-funnel', 'trial-sign-up', 'rejection-gallery'].map((n) =>
  join(ROOT, 'docs/suites', `${n}.suite.json`),
);
let dir: string;
let cli: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: join(dir, 'home'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-run-'));
  cli = join(ROOT, 'dist/cli/event-tester.mjs');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('event-tester run', () => {
  it('runs the three example suites against the sandbox: every expectation holds, exit 0, runs recorded', async () => {
    const run = await runCli(['run', ...EXAMPLES]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /Webinar funnel .*\n(.*\n)* {2}passed: 5 executed, 5 passed, 0 failed, 0 skipped/,
    );
    expect(run.stdout).toMatch(/Rejection gallery(.*\n)* {2}passed: 11 executed, 11 passed/);
    expect(run.code).toBe(0);
    const store = openStore({ dataDir: join(dir, 'home') });
    try {
      const runs = store.suiteRuns.list(10);
      expect(runs.map((r) => r.suiteName).sort()).toEqual([
        'Rejection gallery',
        'Trial sign-up',
        'Webinar funnel',
      ]);
      const funnel = store.suiteRuns.get(runs.find((r) => r.suiteName === 'Webinar funnel')!.id)!;
      const delivery = store.deliveries.get(funnel.cases[1]!.deliveryId!)!;
      expect(delivery.source).toBe('suite');
      expect(delivery.readBack?.found ?? true).toBe(true);
      const track = store.deliveries.get(funnel.cases[4]!.deliveryId!)!;
      expect(track.interactions.find((i) => i.step === 'activity-post')?.batch).toEqual({
        records: 1,
        index: 0,
      });
    } finally {
      store.close();
    }
  });

  it('JUnit for CI, JSON with every lifecycle redacted, --grep and --bail, exit 1 on a failed expectation', async () => {
    const failing = join(dir, 'failing.suite.json');
    writeFileSync(
      failing,
      JSON.stringify({
        formatVersion: 1,
        name: 'Wrong <expectations> & co',
        cases: [
          {
            name: 'screen',
            event: { type: 'screen', userId: 'u', name: 'Home' },
            expect: { outcome: 'delivered' },
          },
          {
            name: 'alias',
            event: { type: 'alias', userId: 'u', previousId: 'p' },
            expect: { outcome: 'rejected' },
          },
        ],
      }),
    );
    const junit = await runCli(['run', failing, '--reporter', 'junit', '--out', join(dir, 'junit.xml')]);
    expect(junit.code).toBe(1);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<testsuite name="Wrong &lt;expectations&gt; &amp; co" tests="2" failures="1"/);
    expect(xml).toMatch(/<failure message="expected delivered, got rejected \(UNSUPPORTED_CALL\)/);
    const bail = await runCli(['run', failing, '--bail', '--reporter', 'json']);
    const report = JSON.parse(bail.stdout) as {
      passed: boolean;
      runs: { cases: { status: string; messages: string[] }[] }[];
    };
    expect(report.passed).toBe(false);
    expect(report.runs[0]!.cases.map((c) => c.status)).toEqual(['failed', 'skipped']);
    const grep = await runCli(['run', failing, '--grep', '^alias$']);
    expect(grep.code).toBe(0);
    const json = await runCli(['run', EXAMPLES[0]!, '--reporter', 'json']);
    const parsed = JSON.parse(json.stdout) as {
      runs: { cases: { delivery: { interactions: { request: { url: string } }[] } }[] }[];
    };
    const lifecycle = JSON.stringify(parsed.runs[0]!.cases[1]!.delivery.interactions);
    expect(lifecycle).toMatch(/activities\/external\.json/);
    expect(lifecycle).not.toMatch(/client_secret=(?!\[REDACTED\])[^&"]/);
    expect(json.stdout).not.toMatch(/Bearer [0-9a-f]{8}/);
  });

  it('refuses an unknown formatVersion or an invalid file with located messages (exit 2)', async () => {
    const future = join(dir, 'future.suite.json');
    writeFileSync(future, '{\n  "formatVersion": 9,\n  "name": "x",\n  "cases": []\n}\n');
    const run = await runCli(['run', future]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/future\.suite\.json:2:3: \$\.formatVersion: formatVersion 9 is newer/);
  });

  it('--var and the environment fill variables; a missing one fails the case before sending', async () => {
    const path = join(dir, 'vars.suite.json');
    writeFileSync(
      path,
      JSON.stringify({
        formatVersion: 1,
        name: 'Vars',
        cases: [
          {
            name: 'ada by var',
            event: {
              type: 'track',
              event: 'Webinar Registered',
              userId: '{{uid}}',
              context: { traits: { email: '{{mail}}' } },
              properties: { webinar: 'V' },
            },
            expect: { outcome: 'delivered', recordStatus: 'added' },
          },
        ],
      }),
    );
    const ok = await runCli(['run', path, '--var', 'uid=user-1001'], {
      EVENT_TESTER_VAR_mail: 'ada@example.com',
    });
    expect(ok.code).toBe(0);
    const missing = await runCli(['run', path, '--var', 'uid=user-1001']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/no value for \{\{mail\}\}/);
  });

  it('send takes NDJSON and a batch envelope through the batched path', async () => {
    const lines = Array.from({ length: 5 }, (_, i) =>
      JSON.stringify({
        type: 'track',
        event: 'Webinar Registered',
        userId: 'user-1001',
        context: { traits: { email: 'ada@example.com' } },
        properties: { webinar: `N${i}` },
      }),
    );
    writeFileSync(join(dir, 'events.ndjson'), `${lines.join('\n')}\n`);
    const nd = await runCli(['send', 'events.ndjson']);
    expect(nd.code).toBe(0);
    expect(nd.stdout).toMatch(/5 events: 5 delivered; 3 API calls \(batched\)/);
    writeFileSync(join(dir, 'envelope.json'), JSON.stringify({ batch: lines.map((l) => JSON.parse(l)) }));
    const env = await runCli(['send', 'envelope.json', '--json']);
    expect((JSON.parse(env.stdout) as unknown[]).length).toBe(5);
  });
});
