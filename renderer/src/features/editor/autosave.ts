import { tester } from '../../api/tester';
import { useAppStore } from '../app';
import { useDraftStore } from './draftStore';

/**
 * Saves the draft through main (which writes it atomically) after a quiet period, and at once on
 * blur. Only one save is in flight at a time; a change during a save schedules another.
 */
let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight: Promise<void> | null = null;
let lastSaved: string | null = null;

async function save(force: boolean): Promise<void> {
  const { text, status } = useDraftStore.getState();
  if (status !== 'ready' || (text === lastSaved && !force)) return;
  useDraftStore.getState().markSaving();
  const result = await tester.saveDraft(text);
  if (result.ok) {
    lastSaved = text;
    useDraftStore.getState().markSaved(result.value.savedAt);
  } else {
    // Heard once: the banner is an alert and shows a repeated failure only once; the save state
    // beside the editor is not a live region, so it does not say it again.
    useDraftStore.getState().markSaveFailed(result.error.message);
    useAppStore.getState().reportError(`The draft could not be saved: ${result.error.message}`);
  }
}

/** Saves now (if the text changed since the last save, or when forced). */
export function flushDraft(force = false): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  const run = (inFlight ?? Promise.resolve()).then(() => save(force));
  inFlight = run.finally(() => {
    if (inFlight === run) inFlight = null;
  });
  return run;
}

/** Starts autosaving; returns the stop function. */
export function startAutosave(delayMs = 500): () => void {
  lastSaved = useDraftStore.getState().text;
  const unsubscribe = useDraftStore.subscribe((state, previous) => {
    if (state.status !== 'ready' || state.text === previous.text) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flushDraft(), delayMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
