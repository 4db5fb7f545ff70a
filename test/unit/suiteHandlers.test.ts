import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/handlers/dispatch';
import { createRuntime, type Runtime } from '../../electron/core/runtime';
import type { RunProgress, SuiteRun, SuiteRunSummary } from '../../shared/suiteRun';
import type { SuiteFile } from '../../shared/suites';

/** The suite channels through the real runtime: open, save, run against the Sandbox, list runs. */
let dir: string;
let core: Runtime;
const progress: RunProgress[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suite-handlers-'));
  progress.length = 0;
  core = await createRuntime({
    userDataDir: dir,
    version: '9.9.9',
    platform: 'test-os',
    collector: { port: 0 },
    emit: (channel, payload) => channel === 'run:progress' && progress.push(payload as RunProgress),
    onWarning: () => {},
  });
});
afterEach(async () => {
  await core.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call<T>(
  channel: string,
  request: unknown,
): Promise<{ ok: boolean; value?: T; message?: string }> {
  const result = await dispatch(core.handlers, channel, request);
  return result.ok ? { ok: true, value: result.value as T } : { ok: false, message: result.error.message };
}

const WEBINAR = resolve('docs/suites/webinar-funnel.suite.json');

describe('suite channels', () => {
  it('opens a file by path or by its text, and refuses other file names', async () => {
    const byPath = await call<{ path: string; suite: SuiteFile }>('suite:open', { path: WEBINAR });
    expect(byPath.value?.suite.name).toBe('Webinar funnel');
    const text = await readFile(WEBINAR, 'utf8');
    const upload = await call<{ path: null }>('suite:open', { text, name: 'w.suite.json' });
    expect(upload.value?.path).toBeNull();
    expect((await call('suite:open', { path: join(dir, 'notes.txt') })).message).toMatch(/\.suite\.json/);
    expect((await call<{ paths: string[] }>('suite:recent', {})).value?.paths).toEqual([WEBINAR]);
    // Kept in the data folder: the next app session lists it too.
    expect(JSON.parse(await readFile(join(dir, 'recent-suites.json'), 'utf8'))).toEqual([WEBINAR]);
  });

  it('saves, and never overwrites a file from a newer build', async () => {
    const suite = (await call<{ suite: SuiteFile }>('suite:open', { path: WEBINAR })).value!.suite;
    const path = join(dir, 'copy.suite.json');
    expect((await call('suite:save', { path, suite })).ok).toBe(true);
    expect(JSON.parse(await readFile(path, 'utf8')).name).toBe('Webinar funnel');
    await writeFile(path, JSON.stringify({ formatVersion: 2, name: 'x', cases: [] }));
    const refused = await call('suite:save', { path, suite });
    expect(refused.message).toMatch(/not overwritten/);
  });

  it('runs the selected cases against the Sandbox with progress, and lists the run', async () => {
    const suite = (await call<{ suite: SuiteFile }>('suite:open', { path: WEBINAR })).value!.suite;
    const estimate = await call<{ calls: number; left: null }>('suite:estimate', {
      suite,
      only: null,
      targetId: 'sandbox',
    });
    expect(estimate.value?.calls).toBeGreaterThan(0);
    expect(estimate.value?.left).toBeNull();
    const run = await call<SuiteRun>('suite:run', {
      suite,
      suitePath: WEBINAR,
      only: [0],
      targetId: 'sandbox',
    });
    expect(run.message).toBeUndefined();
    expect(run.value?.counts).toMatchObject({ executed: 1, passed: 1, skipped: suite.cases.length - 1 });
    expect(progress.at(-1)?.runId).toBe(run.value?.id);
    const runs = await call<{ runs: SuiteRunSummary[] }>('suite:runs', {});
    expect(runs.value?.runs.map((r) => r.id)).toEqual([run.value?.id]);
    const again = await call<SuiteRun>('suite:get-run', { id: run.value!.id });
    expect(again.value?.cases).toHaveLength(suite.cases.length);
  });
});
