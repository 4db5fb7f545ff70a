import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxDefaultSettings } from '../../electron/core/sandbox/seed';

/** `event-tester validate --settings FILE`: the Marketo lint on the built CLI. */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/event-tester.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'validate-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
};
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, 'validate', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('validate --settings', () => {
  const settings = write('settings.json', sandboxDefaultSettings());
  const good = write('good.json', {
    type: 'track',
    event: 'Webinar Registered',
    userId: 'u-1',
    properties: { webinar: 'W' },
  });
  const batch = write('batch.json', {
    batch: [
      {
        type: 'track',
        event: 'Webinar Registred',
        userId: 'u-1',
        messageId: 'm',
        properties: { webinar: 'W' },
      },
      { type: 'screen', name: 'Home', userId: 'u-1', messageId: 'm' },
    ],
  });

  it('passes a mapped event and reports Marketo errors with path, severity and fix', () => {
    expect(run(good, '--settings', settings).code).toBe(0);
    const { code, stdout } = run(batch, '--settings', settings, '--json');
    expect(code).toBe(1);
    const [entry] = JSON.parse(stdout) as Array<{ valid: boolean; marketo: Array<Record<string, string>> }>;
    expect(entry!.valid).toBe(true);
    expect(entry!.marketo.map((f) => [f.rule, f.severity, f.path])).toEqual([
      ['unmapped-event', 'error', '$.batch[0].event'],
      ['unsupported-call', 'error', '$.batch[1].type'],
      ['duplicate-message-id', 'error', '$.batch[1].messageId'],
    ]);
    expect(entry!.marketo[0]!.fix).toMatch(/Did you mean "Webinar Registered"/);
    expect(run(batch, '--settings', settings).stdout).toMatch(/marketo error {3}\$\.batch\[0\]\.event/);
  });

  it('an unreadable settings file is a usage error', () => {
    const bad = write('bad.json', { formatVersion: 1, activites: {} });
    const { code, stderr } = run(good, '--settings', bad);
    expect(code).toBe(2);
    expect(stderr).toMatch(/did you mean "activities"/);
  });
});
