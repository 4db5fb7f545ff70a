import type { CaseResult } from '../../../../shared/suiteRun';
import { placeholderNames } from '../../../../shared/suiteVariables';
import type { SuiteCase, SuiteFile } from '../../../../shared/suites';

type FileVariables = SuiteFile['variables'];

/**
 * A run's results kept by case identity, not by position, so they follow their case when the list
 * is reordered, and a case added, duplicated or deleted elsewhere leaves them alone. The runner
 * reports a case by its index in the suite it was given: that index is read against the ids and
 * cases as they were when the run started.
 */
export interface KeptResult {
  result: CaseResult;
  /** The case as it ran, and the suite's variables then: what the result says something about. */
  ran: Pick<SuiteCase, 'event' | 'expect'> & { variables: FileVariables };
}

export type CaseResults = ReadonlyMap<string, KeptResult>;

/** The cases a run was given, by index: their ids and their contents at the start. */
export interface RunSnapshot {
  ids: readonly string[];
  cases: readonly SuiteCase[];
  /** The suite's variables at the start (absent: it had none). */
  variables?: FileVariables;
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
    if (id !== undefined && ran)
      next.set(id, {
        result,
        ran: { event: ran.event, expect: ran.expect, variables: snapshot.variables },
      });
  }
  return next;
}

/**
 * Why the result no longer says whether this case passes, or null while it still does: its event or
 * expectation changed since it ran ('edited'), or a file variable its event uses did ('variables').
 * A rename is not an edit of what runs, nor is a change to a variable the case does not use.
 */
export function staleness(
  kept: KeptResult,
  current: SuiteCase,
  variables: FileVariables,
): 'edited' | 'variables' | null {
  const same = kept.ran.event === current.event && kept.ran.expect === current.expect;
  if (
    !same &&
    JSON.stringify([kept.ran.event, kept.ran.expect]) !== JSON.stringify([current.event, current.expect])
  )
    return 'edited';
  if (variables === kept.ran.variables) return null;
  // Names are user text: read both sets of variables as Maps, never by indexing the objects.
  const before = new Map(Object.entries(kept.ran.variables ?? {}));
  const now = new Map(Object.entries(variables ?? {}));
  for (const name of placeholderNames(current.event))
    if (before.get(name) !== now.get(name)) return 'variables';
  return null;
}

/** Stale with the suite's variables as they are now. */
export function isStale(kept: KeptResult, current: SuiteCase, variables: FileVariables): boolean {
  return staleness(kept, current, variables) !== null;
}
