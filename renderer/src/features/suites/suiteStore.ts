import { create } from 'zustand';
import type { PlannedCall } from '../../../../shared/interaction';
import type { SuiteEstimate } from '../../../../shared/suiteIpc';
import type { RunCounts, SuiteRunSummary } from '../../../../shared/suiteRun';
import type { SuiteFile } from '../../../../shared/suites';
import type { Result } from '../../../../shared/result';
import { tester } from '../../api/tester';
import { createLifecycleStore } from '../lifecycle';
import { confirmProductionSend, selectActiveProfile, useProfilesStore } from '../profiles';
import { keepResults, type CaseResults, type RunSnapshot } from './caseResults';
import { variablesOf, withVariables, type Variables } from './variableEdit';
import { applyCaseEdit, newCaseIds, newSuite, selectedIndexes, type CaseListState } from './suiteEdit';

export type RunPhase = 'idle' | 'running' | 'cancelling' | 'done' | 'error';

export interface RunState {
  phase: RunPhase;
  runId: string | null;
  counts: RunCounts | null;
  /** By case id, so they follow their case through edits; finished cases stay when a run is cancelled. */
  results: CaseResults;
  /** The cases the run (or the past run shown) was given, which its results' indexes refer to. */
  snapshot: RunSnapshot;
  status: SuiteRunSummary['status'] | null;
  error: string | null;
}

export interface SuitesState {
  /** The open file's path; null for a new suite or an upload until it is saved. */
  path: string | null;
  suite: SuiteFile | null;
  selected: boolean[];
  /** A stable id per case (suiteEdit.ts): results are kept by it. */
  ids: string[];
  dirty: boolean;
  /** The path field (open by path, save as). */
  pathField: string;
  recent: string[];
  message: { tone: 'danger' | 'success'; text: string } | null;
  /** The case whose event is in the Tester's draft ("Update case" takes it back). */
  editing: number | null;
  openedCase: number | null;
  run: RunState;
  runs: SuiteRunSummary[];
}

const IDLE: RunState = {
  phase: 'idle',
  runId: null,
  counts: null,
  results: new Map(),
  snapshot: { ids: [], cases: [] },
  status: null,
  error: null,
};

/** The Suites view's own lifecycle viewer, so opening a case leaves the Tester's send alone. */
export const useSuiteLifecycle = createLifecycleStore();

export const useSuitesStore = create<SuitesState>()(() => ({
  path: null,
  suite: null,
  selected: [],
  ids: [],
  dirty: false,
  pathField: '',
  recent: [],
  message: null,
  editing: null,
  openedCase: null,
  run: IDLE,
  runs: [],
}));

const set = useSuitesStore.setState;
const get = useSuitesStore.getState;
const fail = (text: string) => set({ message: { tone: 'danger', text } });

/** Unsaved edits are only dropped when the user says so (Open, Upload, Drop and New replace them). */
function mayDiscard(): boolean {
  const { dirty, suite } = get();
  return !dirty || !suite || window.confirm(`Discard the unsaved changes to “${suite.name}”?`);
}

/** Replaces the open suite (open, upload, new): results and the opened case belong to the old one. */
function load(suite: SuiteFile, path: string | null): void {
  set({
    suite,
    path,
    pathField: path ?? get().pathField,
    selected: suite.cases.map(() => true),
    ids: newCaseIds(suite.cases.length),
    dirty: false,
    editing: null,
    openedCase: null,
    run: IDLE,
    message: null,
  });
  useSuiteLifecycle.getState().clear();
}

/**
 * An edit of the case list (reorder, rename, duplicate, delete, add, update). Results are kept by
 * case id, so they follow their cases; the opened case and the one being edited in the Tester
 * follow theirs too, and are let go when that case is deleted.
 */
export function applyEdit(edit: (state: CaseListState) => CaseListState): void {
  const { suite, selected, ids, openedCase, editing } = get();
  if (!suite) return;
  const next = applyCaseEdit({ suite, selected, ids, openedCase, editing }, edit);
  if (next.suite === suite) return;
  set({ ...next, dirty: true });
  if (openedCase !== null && next.openedCase === null) useSuiteLifecycle.getState().clear();
}

/** The cases as a run is given them now: their ids and contents, which its indexes refer to. */
function snapshotOf(suite: SuiteFile): RunSnapshot {
  return { ids: [...get().ids], cases: [...suite.cases], variables: suite.variables };
}

export async function openSuitePath(path: string): Promise<void> {
  if (!mayDiscard()) return;
  const opened = await tester.openSuite({ path });
  if (!opened.ok) return fail(opened.error.message);
  load(opened.value.suite, opened.value.path);
  void refreshRecent();
}

/** An uploaded or dropped file: read here, parsed in main; saved later with "Save as". */
export async function openSuiteText(text: string, name: string): Promise<void> {
  if (!mayDiscard()) return;
  const opened = await tester.openSuite({ text, name });
  if (!opened.ok) return fail(opened.error.message);
  load(opened.value.suite, null);
}

export function createSuite(): void {
  if (!mayDiscard()) return;
  load(newSuite(), null);
  // Not dirty: an empty new suite has nothing to lose when another replaces it.
  set({ pathField: '' });
}

export async function saveSuite(path: string | null = get().path): Promise<void> {
  const { suite } = get();
  if (!suite) return;
  if (!path) return fail('Type where to save the suite (a path ending in .suite.json), then Save as.');
  const saved = await tester.saveSuite({ path, suite });
  if (!saved.ok) return fail(saved.error.message);
  set({
    path: saved.value.path,
    pathField: saved.value.path,
    dirty: false,
    message: { tone: 'success', text: `Saved ${saved.value.name}` },
  });
  void refreshRecent();
}

export async function refreshRecent(): Promise<void> {
  const recent = await tester.recentSuites();
  if (recent.ok) set({ recent: recent.value.paths });
}

export async function refreshRuns(): Promise<void> {
  const runs = await tester.listSuiteRuns();
  if (runs.ok) set({ runs: runs.value.runs });
}

/** The estimate as the production confirmation lists calls: one line per batched call. */
function plannedCalls(estimate: SuiteEstimate): PlannedCall[] {
  const line = (step: PlannedCall['step'], method: string, path: string, note: string) => ({
    step,
    method,
    path,
    note,
  });
  return [
    ...Array.from({ length: estimate.upserts }, () =>
      line('lead-upsert', 'POST', '/rest/v1/leads.json', 'upsert of up to 300 people'),
    ),
    ...Array.from({ length: estimate.lookups }, () =>
      line('lead-lookup', 'GET', '/rest/v1/leads.json', 'lookup of up to 300 people'),
    ),
    ...Array.from({ length: estimate.posts }, () =>
      line('activity-post', 'POST', '/rest/v1/activities/external.json', 'up to 300 activities'),
    ),
  ];
}

/** A production profile asks first, with the calls the run will use and the calls left today. */
async function confirmRun(suite: SuiteFile, only: number[] | null): Promise<boolean> {
  const profile = selectActiveProfile(useProfilesStore.getState());
  if (!profile?.production) return true;
  const estimate = await tester.estimateSuite({ suite, only, targetId: profile.id });
  if (!estimate.ok) {
    fail(`The run was not started: ${estimate.error.message}`);
    return false;
  }
  const { left } = estimate.value;
  return confirmProductionSend({
    profile,
    calls: plannedCalls(estimate.value),
    usedToday: left === null ? null : Math.max(0, profile.dailyQuota - left),
  });
}

function onProgress(progress: Parameters<Parameters<typeof tester.on<'run:progress'>>[1]>[0]): void {
  const { run } = get();
  if (run.phase !== 'running' && run.phase !== 'cancelling') return;
  if (run.runId !== null && run.runId !== progress.runId) return;
  const results = keepResults(run.results, progress.finished, run.snapshot);
  set({ run: { ...run, runId: progress.runId, counts: progress.counts, results } });
  // Cancel was pressed before the run had an id: ask now that it has one.
  if (run.phase === 'cancelling' && run.runId === null) void tester.cancelSuiteRun(progress.runId);
}

/** Runs every case, or only the selected ones, against the active profile. */
export async function runCases(onlySelected: boolean): Promise<void> {
  const { suite, selected, path, run } = get();
  const profile = selectActiveProfile(useProfilesStore.getState());
  if (!suite || !profile || run.phase === 'running' || run.phase === 'cancelling') return;
  const only = onlySelected ? (selectedIndexes(selected, suite.cases.length) ?? null) : null;
  if (onlySelected && only?.length === 0) return fail('Select at least one case to run.');
  if (!(await confirmRun(suite, only))) return;
  set({
    run: { ...IDLE, phase: 'running', snapshot: snapshotOf(suite) },
    openedCase: null,
    message: null,
  });
  useSuiteLifecycle.getState().clear();
  const off = tester.on('run:progress', onProgress);
  const result = await tester.runSuite({ suite, suitePath: path, only, targetId: profile.id });
  off();
  if (!result.ok) {
    set({ run: { ...get().run, phase: 'error', error: result.error.message } });
    return;
  }
  const done = result.value;
  const { snapshot, results } = get().run;
  set({
    run: {
      phase: 'done',
      runId: done.id,
      counts: done.counts,
      results: keepResults(results, done.cases, snapshot),
      snapshot,
      status: done.status,
      error: null,
    },
  });
  void refreshRuns();
}

export async function cancelRun(): Promise<void> {
  const { run } = get();
  if (run.phase !== 'running') return;
  set({ run: { ...run, phase: 'cancelling' } });
  if (run.runId) await tester.cancelSuiteRun(run.runId);
}

/** A case's lifecycle in the shared viewer, read back from the history by its delivery id. */
export async function openCase(index: number): Promise<void> {
  set({ openedCase: index });
  const id = get().ids[index];
  const deliveryId = (id === undefined ? undefined : get().run.results.get(id))?.result.deliveryId ?? null;
  const viewer = useSuiteLifecycle.getState();
  if (!deliveryId) return viewer.clear();
  const record = await tester.getDelivery(deliveryId);
  if (get().openedCase !== index) return;
  if (record.ok) viewer.show(record.value);
  else fail(record.error.message);
}

/** A past run's results shown on the case list, when it was a run of the suite that is open. */
export async function showPastRun(id: string): Promise<void> {
  const loaded = await tester.getSuiteRun(id);
  if (!loaded.ok) return fail(loaded.error.message);
  const run = loaded.value;
  const { suite } = get();
  if (!suite || run.suiteName !== suite.name)
    return fail(`That run is of “${run.suiteName}”; open that suite to see its cases.`);
  // Read against the cases as they are now (the run is taken to be of them); later edits mark it stale.
  const snapshot = snapshotOf(suite);
  set({
    run: {
      phase: 'done',
      runId: run.id,
      counts: run.counts,
      results: keepResults(new Map(), run.cases, snapshot),
      snapshot,
      status: run.status,
      error: null,
    },
    openedCase: null,
  });
  useSuiteLifecycle.getState().clear();
}

export function toggleSelected(index: number): void {
  set({ selected: get().selected.map((on, i) => (i === index ? !on : on)) });
}

export function selectAll(on: boolean): void {
  set({ selected: get().selected.map(() => on) });
}

export function renameSuite(name: string): void {
  const { suite } = get();
  if (suite) set({ suite: { ...suite, name }, dirty: true });
}

/**
 * An edit of the suite's variables (variableEdit.ts): refused edits change nothing and return why.
 * Results stay; the case list marks one stale when a variable its case uses changed (caseResults.ts).
 */
export function editVariables(edit: (variables: Variables) => Result<Variables>): string | null {
  const { suite } = get();
  if (!suite) return null;
  const before = variablesOf(suite);
  const next = edit(before);
  if (!next.ok) return next.error;
  if (next.value !== before) set({ suite: withVariables(suite, next.value), dirty: true });
  return null;
}

export function setEditing(index: number | null): void {
  set({ editing: index });
}
