import { z } from 'zod';
import { OutcomeSchema } from './interaction';
import { SuiteExpectSchema } from './suites';

/**
 * A suite run's results as the runner reports them, the store keeps them (suite_runs), the app
 * lists them and the CLI prints them. The deliveries themselves are in the history (source
 * 'suite'): a case names its delivery by id, so its lifecycle opens from there.
 */

export const CaseStatusSchema = z.enum(['passed', 'failed', 'skipped']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** What a case actually produced, in the terms of its expectation. */
export const CaseActualSchema = z.object({
  outcome: OutcomeSchema,
  code: z.string().nullable(),
  recordStatus: z.string().nullable(),
  recordCode: z.string().nullable(),
  /** HTTP exchanges the event took part in (a batched call counts for each event in it). */
  requests: z.number().int().min(0),
  reason: z.string().nullable(),
});
export type CaseActual = z.infer<typeof CaseActualSchema>;

export const CaseResultSchema = z.object({
  index: z.number().int().min(0),
  name: z.string(),
  status: CaseStatusSchema,
  expect: SuiteExpectSchema,
  actual: CaseActualSchema.nullable(),
  /** Each expectation that did not hold, in words; why a case was skipped. */
  messages: z.array(z.string()),
  deliveryId: z.string().nullable(),
  durationMs: z.number().min(0),
});
export type CaseResult = z.infer<typeof CaseResultSchema>;

export const RunCountsSchema = z.object({
  total: z.number().int().min(0),
  executed: z.number().int().min(0),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  skipped: z.number().int().min(0),
});
export type RunCounts = z.infer<typeof RunCountsSchema>;

export const SuiteRunStatusSchema = z.enum(['running', 'passed', 'failed', 'cancelled']);

export const SuiteRunSchema = z.object({
  id: z.string(),
  suiteName: z.string(),
  /** The file run, when it came from one. */
  suitePath: z.string().nullable(),
  targetId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: SuiteRunStatusSchema,
  counts: RunCountsSchema,
  cases: z.array(CaseResultSchema),
});
export type SuiteRun = z.infer<typeof SuiteRunSchema>;

/** A row of the past-runs list. */
export const SuiteRunSummarySchema = SuiteRunSchema.omit({ cases: true });
export type SuiteRunSummary = z.infer<typeof SuiteRunSummarySchema>;

/** `run:progress`: the counts so far and the cases finished since the last push. */
export const RunProgressSchema = z.object({
  runId: z.string(),
  status: SuiteRunStatusSchema,
  counts: RunCountsSchema,
  finished: z.array(CaseResultSchema),
});
export type RunProgress = z.infer<typeof RunProgressSchema>;

export function countCases(cases: readonly Pick<CaseResult, 'status'>[], total: number): RunCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const c of cases) {
    if (c.status === 'passed') passed++;
    else if (c.status === 'failed') failed++;
    else skipped++;
  }
  return { total, executed: passed + failed, passed, failed, skipped };
}
