import type { SuiteCase, SuiteFile } from '../../../../shared/suites';
import { SUITE_FORMAT_VERSION } from '../../../../shared/suites';

/**
 * The case list's edits as pure functions over (suite, selection, ids): the store applies them and
 * the tests call them directly. The selection is a boolean per case and the id a stable name per
 * case, both moved along with their case, so a reorder never changes which cases run and a run's
 * results stay with the cases they belong to.
 */
export interface CaseListState {
  suite: SuiteFile;
  selected: boolean[];
  /** One per case, never reused: what a run's results are keyed by (not saved in the file). */
  ids: string[];
}

let lastCaseId = 0;

/** A case identity for this session; a duplicate or a new case gets its own. */
export function newCaseId(): string {
  lastCaseId += 1;
  return `case-${lastCaseId}`;
}

/** Ids for a freshly opened suite's cases. */
export function newCaseIds(count: number): string[] {
  return Array.from({ length: count }, newCaseId);
}

export function newSuite(name = 'Untitled suite'): SuiteFile {
  return { formatVersion: SUITE_FORMAT_VERSION, name, cases: [] };
}

function withCases(
  state: CaseListState,
  cases: SuiteCase[],
  selected: boolean[],
  ids: string[] = state.ids,
): CaseListState {
  return { suite: { ...state.suite, cases }, selected, ids };
}

/** The case list with the two cases the rest of the view points at by position. */
export interface CaseListView extends CaseListState {
  /** The case whose lifecycle is open. */
  openedCase: number | null;
  /** The case whose event is in the Tester's draft. */
  editing: number | null;
}

/**
 * An edit applied to the view: the opened case and the one being edited follow their cases by id,
 * and are let go (null) when their case was deleted. The same view when the edit changed nothing.
 */
export function applyCaseEdit(
  view: CaseListView,
  edit: (state: CaseListState) => CaseListState,
): CaseListView {
  const next = edit({ suite: view.suite, selected: view.selected, ids: view.ids });
  if (next.suite === view.suite) return view;
  const follow = (index: number | null) => {
    const id = index === null ? undefined : view.ids[index];
    const to = id === undefined ? -1 : next.ids.indexOf(id);
    return to === -1 ? null : to;
  };
  return { ...next, openedCase: follow(view.openedCase), editing: follow(view.editing) };
}

/** Swaps a case with its neighbour; out of range is a no-op (Alt+Up on the first case). */
export function moveCase(state: CaseListState, index: number, by: -1 | 1): CaseListState {
  const to = index + by;
  const { cases } = state.suite;
  if (index < 0 || to < 0 || index >= cases.length || to >= cases.length) return state;
  const nextCases = [...cases];
  const nextSelected = [...state.selected];
  const nextIds = [...state.ids];
  [nextCases[index], nextCases[to]] = [nextCases[to]!, nextCases[index]!];
  [nextSelected[index], nextSelected[to]] = [nextSelected[to] ?? true, nextSelected[index] ?? true];
  [nextIds[index], nextIds[to]] = [nextIds[to]!, nextIds[index]!];
  return withCases(state, nextCases, nextSelected, nextIds);
}

export function renameCase(state: CaseListState, index: number, name: string): CaseListState {
  const cases = state.suite.cases.map((c, i) => (i === index ? { ...c, name } : c));
  return withCases(state, cases, state.selected);
}

/** The copy goes right after the original, selected like it, named so the two can be told apart. */
export function duplicateCase(state: CaseListState, index: number): CaseListState {
  const original = state.suite.cases[index];
  if (!original) return state;
  const copy: SuiteCase = structuredClone({ ...original, name: `${original.name} (copy)` });
  const cases = [...state.suite.cases];
  cases.splice(index + 1, 0, copy);
  const selected = [...state.selected];
  selected.splice(index + 1, 0, state.selected[index] ?? true);
  const ids = [...state.ids];
  ids.splice(index + 1, 0, newCaseId());
  return withCases(state, cases, selected, ids);
}

export function deleteCase(state: CaseListState, index: number): CaseListState {
  return withCases(
    state,
    state.suite.cases.filter((_, i) => i !== index),
    state.selected.filter((_, i) => i !== index),
    state.ids.filter((_, i) => i !== index),
  );
}

/** A new case expecting delivery: the usual intent of an event saved from the Tester. */
export function addCase(state: CaseListState, name: string, event: Record<string, unknown>): CaseListState {
  const added: SuiteCase = { name, event, expect: { outcome: 'delivered' } };
  return withCases(
    state,
    [...state.suite.cases, added],
    [...state.selected, true],
    [...state.ids, newCaseId()],
  );
}

export function replaceCaseEvent(
  state: CaseListState,
  index: number,
  event: Record<string, unknown>,
): CaseListState {
  const cases = state.suite.cases.map((c, i) => (i === index ? { ...c, event } : c));
  return withCases(state, cases, state.selected);
}

/** A readable name for an event saved from the Tester: its call type and event or trait name. */
export function caseNameFor(event: Record<string, unknown>, existing: number): string {
  const type = typeof event.type === 'string' ? event.type : 'event';
  const what =
    typeof event.event === 'string' ? event.event : typeof event.name === 'string' ? event.name : '';
  return `${existing + 1}. ${type}${what ? ` ${what}` : ''}`.slice(0, 200);
}

/** The indexes to run: null (every case) when all are selected, which keeps the request small. */
export function selectedIndexes(selected: readonly boolean[], count: number): number[] | null {
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) if (selected[i] !== false) indexes.push(i);
  return indexes.length === count ? null : indexes;
}

export function isEventObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
