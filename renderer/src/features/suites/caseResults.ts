import type { CaseResult } from '../../../../shared/suiteRun';
import type { SuiteCase } from '../../../../shared/suites';

/**
 * A run's results kept by case identity, not by position, so they follow their case when the list
 * is reordered, and a case added, duplicated or deleted elsewhere leaves them alone. The runner
 * reports a case by its index in the suite it was given: that index is read against the ids and
 * cases as they were when the run started.
 */
export interface KeptResult {
  result: CaseResult;
  /** The case as it ran: what the result says something about. */
  ran: Pick<SuiteCase, 'event' | 'expect'>;
}

export type CaseResults = ReadonlyMap<string, KeptResult>;

/** The cases a run was given, by index: their ids and their contents at the start. */
export interface RunSnapshot {
  ids: readonly string[];
  cases: readonly SuiteCase[];
}

/** `results` with `finished` added (a run's progress, or its whole result), each under its case's id. */
export function keepResults(
  results: CaseResults,
  finished: readonly CaseResult[],
  snapshot: RunSnapshot,
): CaseResults {
  const next = new Map(results);
  for (const result of finished) {
    const id = snapshot.ids[result.index];
    const ran = snapshot.cases[result.index];
    if (id !== undefined && ran) next.set(id, { result, ran: { event: ran.event, expect: ran.expect } });
  }
  return next;
}

/**
 * Stale: the case's event or expectation changed since it ran, so the result no longer says
 * whether this case passes. A rename is not an edit of what runs: its result stays current.
 */
export function isStale(kept: KeptResult, current: SuiteCase): boolean {
  if (kept.ran.event === current.event && kept.ran.expect === current.expect) return false;
  return (
    JSON.stringify([kept.ran.event, kept.ran.expect]) !== JSON.stringify([current.event, current.expect])
  );
}
