// Actions that span features live here, once: features call these instead of reaching into each
// other, and the shell's shortcuts and (later) the app menu call the same functions.
import { callsToMake } from '../../shared/interaction';
import type { ProfileSummary } from '../../shared/profiles';
import { tester } from './api/tester';
import { useAppStore } from './features/app';
import { formatDraft, replaceDraftText, selectSendBlockReason, useDraftStore } from './features/editor';
import { useHistoryLifecycle } from './features/history';
import { useLifecycleStore, type LifecycleStore } from './features/lifecycle';
import { confirmProductionSend, selectActiveProfile, useProfilesStore } from './features/profiles';
import {
  addCase,
  applyEdit,
  caseNameFor,
  createSuite,
  isEventObject,
  replaceCaseEvent,
  setEditing,
  useSuitesStore,
} from './features/suites';
import { useViewStore } from './shell/viewStore';
import { findView, type ViewId } from './shell/views';
import type { PageDirection } from './ui/pagingKeys';

/** Random, so one page cannot name (and cancel) another page's send by guessing its id. */
function newSendId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `send-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Sends (or dry-runs) the current draft to the active profile and feeds the Tester's lifecycle;
 * `verify` reads the delivered activity back from Marketo.
 */
export async function sendDraft(dryRun: boolean, verify = false): Promise<void> {
  const draft = useDraftStore.getState();
  const lifecycle = useLifecycleStore.getState();
  const profile = selectActiveProfile(useProfilesStore.getState());
  if (lifecycle.phase === 'sending' || selectSendBlockReason(draft) !== null || !profile) return;
  if (!dryRun && profile.production && !(await confirmProduction(profile, draft.event))) return;

  const sendId = newSendId();
  lifecycle.beginSend(sendId, dryRun);
  const result = await tester.sendEvent({ event: draft.event, targetId: profile.id, dryRun, verify, sendId });
  if (result.ok) {
    useLifecycleStore.getState().finish(sendId, result.value);
  } else {
    useLifecycleStore.getState().fail(sendId, result.error.message);
    useAppStore.getState().reportError(`${dryRun ? 'Dry run' : 'Send'} failed: ${result.error.message}`);
  }
}

/**
 * Asks core to stop the Tester's send in flight. `sendDraft` still receives its result (cancelled,
 * or uncertain when a post was cut off on the wire) and shows it like any other.
 */
export async function cancelSend(): Promise<void> {
  const { phase, sendId, cancelling, dryRun } = useLifecycleStore.getState();
  if (phase !== 'sending' || cancelling || dryRun || sendId === null) return;
  useLifecycleStore.getState().setCancelling(sendId, true);
  const answer = await tester.cancelSend(sendId);
  if (answer.ok && answer.value.cancelled) return;
  // Not in flight in core (finished meanwhile, whose result then clears this anyway): Cancel again works.
  useLifecycleStore.getState().setCancelling(sendId, false);
  if (!answer.ok) useAppStore.getState().reportError(`Cancel failed: ${answer.error.message}`);
}

/**
 * A production profile asks first, showing the API calls the send will make: a dry run plans them
 * (nothing is sent). A send that plans no call (rejected, skipped) goes ahead: it reaches no one.
 */
async function confirmProduction(profile: ProfileSummary, event: unknown): Promise<boolean> {
  const planned = await tester.sendEvent({ event, targetId: profile.id, dryRun: true, sendId: newSendId() });
  if (!planned.ok) {
    useAppStore.getState().reportError(`Send failed: ${planned.error.message}`);
    return false;
  }
  // The calls the caches save (listed as skipped) are neither made nor counted against the quota.
  const calls = callsToMake(planned.value.plan);
  if (calls.length === 0) return true;
  const usage = useProfilesStore.getState().tests.get(profile.id)?.report?.usage ?? null;
  return confirmProductionSend({ profile, calls, usedToday: usage?.total ?? null });
}

export { formatDraft };

/** The lifecycle viewer the shown view pages: the Tester's live send, or History's opened delivery. */
function shownLifecycle(): LifecycleStore | null {
  const active = useViewStore.getState().active;
  if (active === 'tester') return useLifecycleStore;
  if (active === 'history') return useHistoryLifecycle;
  return null;
}

/**
 * The next or previous request in the shown view's lifecycle (Alt+PageDown / Alt+PageUp, from
 * anywhere, the editor included). The panel's own announcement says where paging landed.
 */
export function pageRequests(direction: PageDirection): void {
  const store = shownLifecycle()?.getState();
  if (direction === 'next') store?.next();
  else store?.prev();
}

/** Shows a view; an id that is not a registered view (from a menu or a link) is ignored. */
export function showView(id: ViewId | string): void {
  const view = findView(id);
  if (view) useViewStore.getState().show(view.id);
}

/** Loads a recorded event into the Tester's editor (undoable there) and switches to the Tester. */
export function openInTester(event: unknown): void {
  if (event === undefined) {
    useAppStore.getState().reportError('This delivery has no recorded event to open.');
    return;
  }
  replaceDraftText(`${JSON.stringify(event, null, 2)}\n`);
  showView('tester');
}

/** Loads a suite case's event into the Tester's draft; "Update case" there takes the edit back. */
export function editSuiteCase(index: number): void {
  const event = useSuitesStore.getState().suite?.cases[index]?.event;
  if (!event) return;
  replaceDraftText(`${JSON.stringify(event, null, 2)}\n`);
  setEditing(index);
  showView('tester');
}

/** The draft as a JSON object, or null with the reason reported (a case's event is an object). */
function draftEvent(): Record<string, unknown> | null {
  const { valid, event } = useDraftStore.getState();
  if (valid && isEventObject(event)) return event;
  useAppStore.getState().reportError('The draft is not a valid event object; fix its problems first.');
  return null;
}

/** The Tester's draft back into the case being edited, then back to the suite. */
export function updateSuiteCase(): void {
  const { editing } = useSuitesStore.getState();
  const event = draftEvent();
  if (editing === null || !event) return;
  applyEdit((state) => replaceCaseEvent(state, editing, event));
  setEditing(null);
  showView('suites');
}

export function backToSuite(): void {
  setEditing(null);
  showView('suites');
}

/** "Save to suite": the draft becomes the open suite's last case (a new suite if none is open). */
export function saveDraftToSuite(): void {
  const event = draftEvent();
  if (event) addEventToSuite(event, 'the Tester');
}

/** "Save to suite" in the Debugger: a collected event becomes the open suite's last case. */
export function saveEventToSuite(event: unknown): void {
  if (isEventObject(event)) addEventToSuite(event, 'the Debugger');
}

function addEventToSuite(event: Record<string, unknown>, from: string): void {
  if (!useSuitesStore.getState().suite) createSuite();
  const count = useSuitesStore.getState().suite?.cases.length ?? 0;
  applyEdit((state) => addCase(state, caseNameFor(event, count), event));
  useSuitesStore.setState({ message: { tone: 'success', text: `Added case ${count + 1} from ${from}.` } });
}
