import { describe, expect, it } from 'vitest';
import {
  addCase,
  caseNameFor,
  deleteCase,
  duplicateCase,
  moveCase,
  newCaseIds,
  newSuite,
  renameCase,
  selectedIndexes,
  type CaseListState,
} from '../../renderer/src/features/suites/suiteEdit';

/** The Suites view's case-list edits: the selection travels with its case. */
function state(names: string[], selected: boolean[]): CaseListState {
  const suite = newSuite('S');
  return {
    suite: {
      ...suite,
      cases: names.map((name) => ({ name, event: { type: 'track' }, expect: { outcome: 'delivered' } })),
    },
    selected,
    ids: newCaseIds(names.length),
  };
}
const names = (s: CaseListState) => s.suite.cases.map((c) => c.name);

describe('suite case edits', () => {
  it('moves a case and its selection together; the ends are no-ops', () => {
    const s = state(['a', 'b', 'c'], [true, false, true]);
    const moved = moveCase(s, 1, -1);
    expect(names(moved)).toEqual(['b', 'a', 'c']);
    expect(moved.selected).toEqual([false, true, true]);
    expect(moved.ids).toEqual([s.ids[1], s.ids[0], s.ids[2]]);
    expect(moveCase(s, 0, -1)).toBe(s);
    expect(moveCase(s, 2, 1)).toBe(s);
  });

  it('duplicates after the original, renames, deletes', () => {
    const s = state(['a', 'b'], [false, true]);
    const dup = duplicateCase(s, 0);
    expect(names(dup)).toEqual(['a', 'a (copy)', 'b']);
    expect(dup.selected).toEqual([false, false, true]);
    // The copy is a case of its own: it has never run, so no result may follow it.
    expect(dup.ids[0]).toBe(s.ids[0]);
    expect(dup.ids[2]).toBe(s.ids[1]);
    expect(new Set([...s.ids, dup.ids[1]]).size).toBe(3);
    dup.suite.cases[1]!.event.type = 'identify';
    expect(s.suite.cases[0]!.event.type).toBe('track');
    expect(names(renameCase(s, 1, 'bee'))).toEqual(['a', 'bee']);
    const deleted = deleteCase(dup, 1);
    expect(names(deleted)).toEqual(['a', 'b']);
    expect(deleted.selected).toEqual([false, true]);
    expect(deleted.ids).toEqual([s.ids[0], s.ids[1]]);
    expect(renameCase(s, 1, 'bee').ids).toEqual(s.ids);
  });

  it('adds a case from the Tester expecting delivery, named after the event', () => {
    const event = { type: 'track', event: 'Webinar Registered' };
    const added = addCase(state([], []), caseNameFor(event, 0), event);
    expect(added.suite.cases[0]).toMatchObject({
      name: '1. track Webinar Registered',
      expect: { outcome: 'delivered' },
    });
    expect(added.selected).toEqual([true]);
  });

  it('runs every case as null, else the selected indexes', () => {
    expect(selectedIndexes([true, true], 2)).toBeNull();
    expect(selectedIndexes([true, false, true], 3)).toEqual([0, 2]);
    expect(selectedIndexes([false], 1)).toEqual([]);
  });
});
