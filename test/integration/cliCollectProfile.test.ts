import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core';
import { openCliProfiles } from '../../electron/cli/commands/profiles';
import { ProfileFieldsSchema } from '../../shared/profiles';

/**
 * `event-tester collect --forward PROFILE`: a profile of the data folder (here a production one
 * whose "Marketo" is a second sandbox) receives every good event; a production profile is refused
 * unless --production says the user means it (the app asks in a dialog instead).
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/event-tester.mjs');
let home: string;
let marketo: Sandbox;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cli-collect-profile-'));
  marketo = await startSandbox();
  env = {
    PATH: process.env.PATH ?? '',
    EVENT_TESTER_HOME: home,
    MARKETO_CLIENT_ID: marketo.credentials.clientId,
    MARKETO_CLIENT_SECRET: marketo.credentials.clientSecret,
  };
  const profiles = openCliProfiles(home, env);
  expect((await profiles.load()).ok).toBe(true);
  const saved = await profiles.save({
    fields: ProfileFieldsSchema.parse({
      name: 'Acme prod',
      endpoint: marketo.url,
      production: true,
      settings: marketo.settings,
    }),
    keepSecret: 'vault',
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
});
afterAll(async () => {
  await marketo.close();
  rmSync(home, { recursive: true, force: true });
});

describe('event-tester collect --forward PROFILE', () => {
  it('refuses a production profile without --production, naming it', () => {
    const run = spawnSync(process.execPath, [CLI, 'collect', '--port', '0', '--forward', 'Acme prod'], {
      encoding: 'utf8',
      env,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("'Acme prod' is a production profile");
    expect(run.stderr).toContain('--production');
  });

  it('forwards every good event to the profile with --production', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'collect', '--port', '0', '--forward', 'Acme prod', '--production'],
      { env },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      await expect
        .poll(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], { timeout: 20_000 })
        .toBeTruthy();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect(out).toContain(`Forwarding good events to Acme prod (${marketo.url})`);
      const res = await fetch(`${url}/v1/track`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa('wk_prod:')}` },
        body: JSON.stringify({
          event: 'Webinar Registered',
          userId: 'user-1001',
          properties: { webinar: 'Forwarded By Profile' },
        }),
      });
      expect(res.status).toBe(200);
      await expect
        .poll(() => marketo.activities().map((a) => a.primaryAttributeValue), { timeout: 20_000 })
        .toContain('Forwarded By Profile');
    } finally {
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', (c) => resolve(c));
        child.kill('SIGINT');
      });
      expect(code, out).toBe(0);
    }
  });
});
