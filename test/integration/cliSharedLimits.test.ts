import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core';

/**
 * Three CLI processes sending to one sandbox instance at its limit (a shrunk window: 4 calls per
 * 500 ms, the settings allowing all 4) share one budget through the store's call ledger: nothing
 * is lost and no call is refused with 606.
 */
const ROOT = resolve(__dirname, '../..');
const WINDOW_MS = 500;
const CALLS = 4;
const PROCESSES = 3;
const SENDS_EACH = 6;

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-limits-'));
  sandbox = await startSandbox({
    rateLimit: { calls: CALLS, windowMs: WINDOW_MS },
    clientSecret: 'limits-secret-1234',
  });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function send(file: string, settings: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'dist/cli/event-tester.mjs'),
        'send',
        file,
        '--endpoint',
        sandbox.url,
        '--settings',
        settings,
        '--json',
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          EVENT_TESTER_HOME: join(dir, 'home'),
          EVENT_TESTER_RATE_WINDOW_MS: String(WINDOW_MS),
          MARKETO_CLIENT_ID: sandbox.credentials.clientId,
          MARKETO_CLIENT_SECRET: sandbox.credentials.clientSecret,
        },
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout }));
  });
}

it('three CLI processes at the instance limit lose nothing and draw no 606', async () => {
  const settings = join(dir, 'settings.json');
  writeFileSync(
    settings,
    JSON.stringify({
      ...sandbox.settings,
      limits: { callsPer20s: CALLS, maxInFlight: CALLS },
      timeoutMs: 5_000,
    }),
  );
  const loops = Array.from({ length: PROCESSES }, async (_, p) => {
    const outcomes: string[] = [];
    for (let i = 0; i < SENDS_EACH; i++) {
      const file = join(dir, `event-${p}-${i}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          type: 'track',
          event: 'Webinar Registered',
          userId: 'user-1001',
          properties: { webinar: `Process ${p} send ${i}` },
          context: { traits: { email: 'ada@example.com' } },
        }),
      );
      const run = await send(file, settings);
      outcomes.push(
        run.code === 0 ? (JSON.parse(run.stdout) as { outcome: string }).outcome : `exit ${run.code}`,
      );
    }
    return outcomes;
  });
  const outcomes = (await Promise.all(loops)).flat();
  expect(outcomes).toEqual(Array.from({ length: PROCESSES * SENDS_EACH }, () => 'delivered'));
  const stats = sandbox.stats();
  expect(sandbox.activities()).toHaveLength(PROCESSES * SENDS_EACH);
  expect(stats.refused606).toBe(0);
  expect(stats.peakInWindow).toBeLessThanOrEqual(CALLS);
  console.info(
    `shared limits: ${outcomes.length} sends by ${PROCESSES} processes, ${stats.totalCalls} calls, peak ${stats.peakInWindow} in a ${WINDOW_MS} ms window (limit ${CALLS}), 606 refused ${stats.refused606}`,
  );
}, 60_000);
