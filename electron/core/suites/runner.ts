/**
 * The suite runner: the app, `event-tester run` and the tests all run suites here, through the one
 * send service (source 'suite'). Cases go through the batched path in order, in slices (one case
 * at a time with --bail, so it stops right after the first failure); a case that expects a
 * read-back is sent alone with verify. Progress after each slice; cancelling keeps what finished
 * and reports the rest skipped. The run is recorded in suite_runs.
 */
import type { DeliveryResult } from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import type { DestinationSettings } from '../../../shared/settings';
import {
  countCases,
  type CaseResult,
  type RunProgress,
  type SuiteRun,
  type SuiteRunSummary,
} from '../../../shared/suiteRun';
import type { SuiteFile } from '../../../shared/suites';
import {
  defaultGenerators,
  resolvePlaceholders,
  runVariables,
  type Generators,
} from '../../../shared/suiteVariables';
import { newDeliveryId, type SendService } from '../send/sendService';
import { actualOf, unmetExpectations } from './expectations';

/** Where runs are kept: the store's suite_runs table in practice. */
export interface SuiteRunRecorder {
  save(run: SuiteRun): void;
  list(limit: number): SuiteRunSummary[];
  get(id: string): SuiteRun | null;
}

export interface RunSuiteOptions {
  suite: SuiteFile;
  suitePath?: string | null;
  sends: SendService;
  targetId: string;
  /** Instead of the suite's and the target's settings (the CLI's --settings). */
  settings?: DestinationSettings;
  /** --var name=value */
  variables?: ReadonlyMap<string, string>;
  env?: Readonly<Record<string, string | undefined>>;
  /** Only cases whose name matches. */
  grep?: RegExp;
  /** Only these case indexes (the app's selection). */
  only?: readonly number[];
  bail?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  recorder?: SuiteRunRecorder | null;
  onRecordFailed?: (message: string) => void;
  generators?: Generators;
  now?: () => Date;
  /** Cases per batched slice (default 300). */
  sliceSize?: number;
}

export interface SuiteRunOutcome {
  run: SuiteRun;
  /** Each executed case's delivery, by case index (the JSON report's lifecycles). */
  deliveries: Map<number, DeliveryResult>;
}

interface Ready {
  index: number;
  event: unknown;
}

export async function runSuite(options: RunSuiteOptions): Promise<Result<SuiteRunOutcome>> {
  const now = options.now ?? (() => new Date());
  const generators = options.generators ?? defaultGenerators(now);
  const vars = runVariables(
    options.suite.variables,
    options.variables ?? new Map(),
    options.env ?? {},
    generators,
  );
  if (!vars.ok) return err(vars.error);
  const cases = options.suite.cases;
  const results = new Map<number, CaseResult>();
  const deliveries = new Map<number, DeliveryResult>();
  const run: SuiteRun = {
    id: newDeliveryId(now()),
    suiteName: options.suite.name,
    suitePath: options.suitePath ?? null,
    targetId: options.targetId,
    startedAt: now().toISOString(),
    finishedAt: null,
    status: 'running',
    counts: countCases([], cases.length),
    cases: [],
  };
  const skip = (index: number, message: string): CaseResult => ({
    index,
    name: cases[index]!.name,
    status: 'skipped',
    expect: cases[index]!.expect,
    actual: null,
    messages: [message],
    deliveryId: null,
    durationMs: 0,
  });
  let fresh: CaseResult[] = [];
  const finish = (result: CaseResult) => {
    results.set(result.index, result);
    fresh.push(result);
  };
  const progress = () => {
    run.counts = countCases([...results.values()], cases.length);
    options.onProgress?.({ runId: run.id, status: run.status, counts: run.counts, finished: fresh });
    fresh = [];
  };

  const ready: Ready[] = [];
  cases.forEach((c, index) => {
    if (options.only && !options.only.includes(index)) return finish(skip(index, 'not selected'));
    if (options.grep && !options.grep.test(c.name)) return finish(skip(index, 'does not match --grep'));
    const event = resolvePlaceholders(c.event, vars.value, generators);
    if (!event.ok) return finish({ ...skip(index, event.error), status: 'failed' });
    ready.push({ index, event: event.value });
  });
  progress();

  const settings = options.settings ?? options.suite.settings;
  for (const slice of slices(ready, options, cases)) {
    if (options.signal?.aborted || (options.bail && run.counts.failed > 0)) {
      const why = options.signal?.aborted
        ? 'not run: the run was cancelled'
        : 'not run: --bail after a failure';
      slice.forEach((r) => finish(skip(r.index, why)));
      continue;
    }
    const started = performance.now();
    const sent = await sendSlice(slice, options, settings, cases);
    if (!sent.ok) return err(sent.error);
    const perCase = (performance.now() - started) / Math.max(1, slice.length);
    slice.forEach((r, position) => {
      const delivery = sent.value[position];
      if (!delivery) return finish(skip(r.index, 'not run'));
      deliveries.set(r.index, delivery);
      if (delivery.code === 'ABORTED')
        return finish({ ...skip(r.index, 'cancelled before it finished'), deliveryId: delivery.id });
      const actual = actualOf(delivery);
      const messages = unmetExpectations(cases[r.index]!.expect, actual, delivery);
      finish({
        index: r.index,
        name: cases[r.index]!.name,
        status: messages.length === 0 ? 'passed' : 'failed',
        expect: cases[r.index]!.expect,
        actual,
        messages,
        deliveryId: delivery.id,
        durationMs: Math.round(perCase),
      });
    });
    progress();
  }

  run.cases = [...results.values()].sort((a, b) => a.index - b.index);
  run.counts = countCases(run.cases, cases.length);
  run.status = options.signal?.aborted ? 'cancelled' : run.counts.failed > 0 ? 'failed' : 'passed';
  run.finishedAt = now().toISOString();
  progress();
  try {
    options.recorder?.save(run);
  } catch (error) {
    options.onRecordFailed?.(
      `The suite run was not recorded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return ok({ run, deliveries });
}

/** Consecutive cases per slice; a read-back case alone (it is sent with verify). */
function slices(ready: readonly Ready[], options: RunSuiteOptions, cases: SuiteFile['cases']): Ready[][] {
  const size = options.bail ? 1 : (options.sliceSize ?? 300);
  const out: Ready[][] = [];
  let current: Ready[] = [];
  for (const r of ready) {
    const alone = cases[r.index]!.expect.readBack !== undefined;
    if (current.length > 0 && (alone || current.length >= size)) {
      out.push(current);
      current = [];
    }
    current.push(r);
    if (alone) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function sendSlice(
  slice: readonly Ready[],
  options: RunSuiteOptions,
  settings: DestinationSettings | undefined,
  cases: SuiteFile['cases'],
): Promise<Result<DeliveryResult[]>> {
  const common = {
    targetId: options.targetId,
    source: 'suite' as const,
    ...(settings ? { settings } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const first = slice[0]!;
  if (slice.length === 1 && cases[first.index]!.expect.readBack !== undefined) {
    const one = await options.sends.send({ ...common, event: first.event, verify: true });
    return one.ok ? ok([one.value]) : one;
  }
  return options.sends.sendBatch({ ...common, events: slice.map((r) => ({ event: r.event })) });
}
