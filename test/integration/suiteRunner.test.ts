import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDeliveryEngine,
  createSendService,
  createTargetRegistry,
  sandboxTarget,
  startSandbox,
  type Sandbox,
} from '../../electron/core';
import { openStore, type Store } from '../../electron/core/store';
import { runSuite } from '../../electron/core/suites/runner';
import { readSuiteFile, writeSuiteFile } from '../../electron/core/suites/suiteFile';
import type { RunProgress } from '../../shared/suiteRun';
import type { SuiteFile } from '../../shared/suites';

let dir: string;
let sandbox: Sandbox;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'suite-runner-'));
  sandbox = await startSandbox();
  store = openStore({ dataDir: dir });
});
afterAll(async () => {
  store.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const suite = (n: number): SuiteFile => ({
  formatVersion: 1,
  name: 'Many',
  cases: Array.from({ length: n }, (_, i) => ({
    name: `case ${i}`,
    event: {
      type: 'track',
      event: 'Webinar Registered',
      userId: 'user-1001',
      context: { traits: { email: 'ada@example.com' } },
      properties: { webinar: `R${i}` },
    },
    expect: { outcome: 'delivered' as const, recordStatus: 'added' as const },
  })),
});

describe('the suite runner', () => {
  it('reports progress per slice; cancelling keeps what finished and skips the rest; the run is recorded', async () => {
    const engine = createDeliveryEngine({ windowMs: 200 });
    const sends = createSendService({
      engine,
      targets: createTargetRegistry([sandboxTarget(sandbox)]),
      recorder: store.deliveries,
    });
    const abort = new AbortController();
    const progress: RunProgress[] = [];
    const outcome = await runSuite({
      suite: suite(30),
      sends,
      targetId: 'sandbox',
      sliceSize: 5,
      signal: abort.signal,
      recorder: store.suiteRuns,
      onProgress: (p) => {
        progress.push(p);
        if (p.counts.executed >= 10) abort.abort();
      },
    });
    engine.close();
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { run } = outcome.value;
    expect(run.status).toBe('cancelled');
    expect(run.counts).toEqual({ total: 30, executed: 10, passed: 10, failed: 0, skipped: 20 });
    expect(run.cases.slice(10).every((c) => c.status === 'skipped' && /cancelled/.test(c.messages[0]!))).toBe(
      true,
    );
    expect(progress.map((p) => p.counts.executed)).toEqual([0, 5, 10, 10]);
    expect(progress.at(-1)!.status).toBe('cancelled');
    const kept = store.suiteRuns.get(run.id)!;
    expect(kept.counts.passed).toBe(10);
    expect(store.deliveries.get(kept.cases[3]!.deliveryId!)!.source).toBe('suite');
    expect(store.suiteRuns.list(5)[0]!.id).toBe(run.id);
  });

  it('saves with the stable layout and never overwrites a file it cannot read', async () => {
    const path = join(dir, 'a.suite.json');
    expect((await writeSuiteFile(path, suite(1))).ok).toBe(true);
    const back = await readSuiteFile(path);
    expect(back.ok && back.value.cases[0]!.name).toBe('case 0');
    const future = join(dir, 'future.suite.json');
    const text = '{ "formatVersion": 3, "name": "From the future", "cases": [], "newThing": true }';
    writeFileSync(future, text);
    const saved = await writeSuiteFile(future, suite(1));
    expect(!saved.ok && saved.error).toMatch(/not overwritten/);
    expect(readFileSync(future, 'utf8')).toBe(text);
  });
});
