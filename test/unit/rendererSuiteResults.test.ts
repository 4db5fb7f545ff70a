import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../shared/suiteRun';
import type { SuiteCase, SuiteFile } from '../../shared/suites';
import {
  isStale,
  keepResults,
  staleness,
  type CaseResults,
  type RunSnapshot,
} from '../../renderer/src/features/suites/caseResults';
import {
  applyCaseEdit,
  deleteCase,
  duplicateCase,
  moveCase,
  newCaseIds,
  newSuite,
  renameCase,
  replaceCaseEvent,
  type CaseListState,
  type CaseListView,
} from '../../renderer/src/features/suites/suiteEdit';

/**
 * The Suites view keeps a run's results by case identity: they follow their case through edits.
 * The store (suiteStore.ts) is these pieces wired together: `applyEdit` is `applyCaseEdit` on its
 * state, run progress goes through `keepResults` with the run's snapshot, a row shows `isStale`.
 */
const kase = (name: string): SuiteCase => ({
  name,
  event: { type: 'track', event: name },
  expect: { outcome: 'delivered' },
});

const result = (index: number, name: string, status: CaseResult['status']): CaseResult => ({
  index,
  name,
  status,
  expect: { outcome: 'delivered' },
  actual: null,
  messages: [],
  deliveryId: `d-${name}`,
  durationMs: 1,
});

let view: CaseListView;
let results: CaseResults;

function openSuite(names: string[]): void {
  const suite: SuiteFile = { ...newSuite('S'), cases: names.map(kase) };
  const ids = newCaseIds(names.length);
  const snapshot: RunSnapshot = { ids, cases: suite.cases };
  results = keepResults(
    new Map(),
    names.map((name, i) => result(i, name, i % 2 === 0 ? 'passed' : 'failed')),
    snapshot,
  );
  view = { suite, ids, selected: names.map(() => true), openedCase: null, editing: null };
}

const applyEdit = (edit: (state: CaseListState) => CaseListState) => {
  view = applyCaseEdit(view, edit);
};

/** Each row as the case list shows it: its name, its result's status, and whether that is stale. */
function rows(): string[] {
  return view.suite.cases.map((c, i) => {
    const kept = results.get(view.ids[i]!);
    if (!kept) return `${c.name}: -`;
    return `${c.name}: ${kept.result.status}${isStale(kept, c, view.suite.variables) ? ' (stale)' : ''} ${kept.result.deliveryId}`;
  });
}

describe('suite run results follow their cases', () => {
  beforeEach(() => {
    openSuite(['a', 'b', 'c']);
  });

  it('keeps every result on its case when a case moves up or down', () => {
    applyEdit((s) => moveCase(s, 0, 1));
    expect(rows()).toEqual(['b: failed d-b', 'a: passed d-a', 'c: passed d-c']);
    applyEdit((s) => moveCase(s, 2, -1));
    expect(rows()).toEqual(['b: failed d-b', 'c: passed d-c', 'a: passed d-a']);
  });

  it('keeps the others when a case is duplicated or deleted; a copy has no result', () => {
    applyEdit((s) => duplicateCase(s, 0));
    expect(rows()).toEqual(['a: passed d-a', 'a (copy): -', 'b: failed d-b', 'c: passed d-c']);
    applyEdit((s) => deleteCase(s, 2));
    expect(rows()).toEqual(['a: passed d-a', 'a (copy): -', 'c: passed d-c']);
  });

  it('marks a result stale when its case’s event changed, not when it was only renamed', () => {
    applyEdit((s) => renameCase(s, 0, 'renamed'));
    applyEdit((s) => replaceCaseEvent(s, 1, { type: 'track', event: 'other' }));
    expect(rows()).toEqual(['renamed: passed d-a', 'b: failed (stale) d-b', 'c: passed d-c']);
    // Put back as it ran: current again (compared by content, not by object).
    applyEdit((s) => replaceCaseEvent(s, 1, { type: 'track', event: 'b' }));
    expect(rows()[1]).toBe('b: failed d-b');
  });

  it('moves the opened case and the case being edited with their cases, and lets go on delete', () => {
    view = { ...view, openedCase: 0, editing: 2 };
    applyEdit((s) => moveCase(s, 0, 1));
    expect(view).toMatchObject({ openedCase: 1, editing: 2 });
    applyEdit((s) => deleteCase(s, 1));
    expect(view).toMatchObject({ openedCase: null, editing: 1 });
    const unchanged = view;
    applyEdit((s) => moveCase(s, 0, -1));
    expect(view).toBe(unchanged);
  });

  it('files results a running run reports by index under the cases it was given, moved since or not', () => {
    const snapshot: RunSnapshot = { ids: [...view.ids], cases: [...view.suite.cases] };
    results = new Map();
    applyEdit((s) => moveCase(s, 0, 1));
    results = keepResults(results, [result(0, 'a', 'passed')], snapshot);
    expect(rows()).toEqual(['b: -', 'a: passed d-a', 'c: -']);
    results = keepResults(results, [result(2, 'c', 'failed')], snapshot);
    expect(rows()).toEqual(['b: -', 'a: passed d-a', 'c: failed d-c']);
  });

  it('ignores a result whose index is outside the run’s cases', () => {
    const snapshot: RunSnapshot = { ids: ['x'], cases: [kase('x')] };
    expect(keepResults(new Map(), [result(3, 'y', 'passed')], snapshot).size).toBe(0);
  });

  it('a changed variable makes stale only the results of cases that use it; a renamed or removed one too', () => {
    const uses = (name: string, event: Record<string, unknown>): SuiteCase => ({ ...kase(name), event });
    const cases = [
      uses('a', { type: 'identify', userId: '{{userId}}', traits: { email: '{{email}}' } }),
      uses('b', { type: 'track', event: 'B', userId: 'fixed-{{$uuid}}' }),
    ];
    const variables = { email: '{{$randomEmail}}', userId: 'u-1' };
    const kept = keepResults(new Map(), [result(0, 'a', 'passed'), result(1, 'b', 'passed')], {
      ids: ['a', 'b'],
      cases,
      variables,
    });
    const why = (now: SuiteFile['variables']) => cases.map((c, i) => staleness(kept.get('ab'[i]!)!, c, now));
    expect(why(variables)).toEqual([null, null]);
    expect(why({ ...variables })).toEqual([null, null]);
    expect(why({ ...variables, userId: 'u-2' })).toEqual(['variables', null]);
    expect(why({ ...variables, plan: 'pro' })).toEqual([null, null]);
    expect(why({ userId: 'u-1' })).toEqual(['variables', null]);
    expect(why(undefined)).toEqual(['variables', null]);
    // An edit of the case itself is told apart from a variable change.
    expect(staleness(kept.get('b')!, { ...cases[1]!, event: { type: 'track', event: 'C' } }, variables)).toBe(
      'edited',
    );
  });
});
