import { create } from 'zustand';
import { applyTextEdits, type TextEdit } from '../../../../shared/json/edit';
import type { JsonPath } from '../../../../shared/json/path';
import { withValueAt } from '../../../../shared/json/value';
import { checkLarge } from './checkRunner';
import { checkDraft, type Checked, type Destination, type DraftJson, type Problem } from './draftCheck';

export { checkDraft, type Destination, type DraftJson, type Problem } from './draftCheck';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * The last edit made through the store (by the form): the editor replays it as an undoable edit
 * on its model when the model still holds `before`, so Ctrl+Z in the editor undoes a form change.
 */
export interface DraftEdit {
  seq: number;
  before: string;
  edits: TextEdit[];
}

export interface DraftState {
  /** 'loading' until the saved draft (or the first-run template) is in. */
  status: 'loading' | 'ready';
  text: string;
  /** Parsed event when the draft is valid; what Send delivers. */
  event: unknown;
  valid: boolean;
  problems: Problem[];
  saveState: SaveState;
  savedAt: string | null;
  saveError: string | null;
  lastEdit: DraftEdit | null;
  destination: Destination | null;
  /** The draft read as JSON by the last finished check (the Event Builder's input). */
  json: DraftJson;
  /** A large draft is being checked in the worker; Send waits for the answer. */
  checking: boolean;
  /** Re-checks the draft against another profile's settings (null: Segment rules only). */
  setDestination(destination: Destination | null): void;
  hydrate(text: string, savedAt: string | null): void;
  setText(text: string): void;
  /**
   * Minimal text edits (shared/json/edit.ts), e.g. one field set by the Event Builder. `change` is
   * the same edit as a value at a path: with it, a large draft's `json` follows at once (instead of
   * after the worker's answer), so the form shows what was just typed.
   */
  applyEdit(edits: TextEdit[], change?: { path: JsonPath; value: unknown }): void;
  markSaving(): void;
  markSaved(savedAt: string): void;
  markSaveFailed(message: string): void;
}

type Check = Checked & { checking: boolean };

/**
 * The check of `text`: at once, or (a large draft) pending until the worker answers; meanwhile the
 * last answer's problems stay, and its JSON, or `json` when the caller knows the new one.
 */
function check(text: string, destination: Destination | null, json?: DraftJson): Check {
  const inWorker = checkLarge(text, destination, (checked) => {
    const state = useDraftStore.getState();
    if (state.text === text && state.destination === destination)
      useDraftStore.setState({ ...checked, checking: false });
  });
  if (inWorker) {
    const state = useDraftStore.getState();
    return {
      event: undefined,
      valid: false,
      problems: state.problems,
      json: json ?? state.json,
      checking: true,
    };
  }
  return { ...checkDraft(text, destination), checking: false };
}

export const useDraftStore = create<DraftState>()((set, get) => ({
  status: 'loading',
  text: '',
  event: undefined,
  valid: false,
  problems: [],
  saveState: 'idle',
  savedAt: null,
  saveError: null,
  lastEdit: null,
  destination: null,
  json: { kind: 'empty' },
  checking: false,
  setDestination(destination) {
    set({ destination, ...check(get().text, destination) });
  },
  hydrate(text, savedAt) {
    const checked = check(text, get().destination);
    set({ status: 'ready', text, savedAt, saveState: savedAt ? 'saved' : 'idle', ...checked });
  },
  setText(text) {
    if (text === get().text) return;
    set({ text, saveState: 'pending', ...check(text, get().destination) });
  },
  applyEdit(edits, change) {
    if (edits.length === 0) return;
    const { text: before, json } = get();
    const text = applyTextEdits(before, edits);
    if (text === before) return;
    const seq = (get().lastEdit?.seq ?? 0) + 1;
    const next = change && json.kind === 'value' ? withValueAt(json.value, change.path, change.value) : null;
    const checked = check(
      text,
      get().destination,
      next === null ? undefined : { kind: 'value', value: next },
    );
    set({ text, lastEdit: { seq, before, edits }, saveState: 'pending', ...checked });
  },
  markSaving() {
    set({ saveState: 'saving' });
  },
  markSaved(savedAt) {
    // A keystroke during the save leaves the draft pending; only a quiet save counts as saved.
    set((s) => (s.saveState === 'saving' ? { saveState: 'saved', savedAt, saveError: null } : { savedAt }));
  },
  markSaveFailed(message) {
    set({ saveState: 'error', saveError: message });
  },
}));

/** Why Send is disabled, in words for the button's hint; null when the draft can be sent. */
export function selectSendBlockReason(
  state: Pick<DraftState, 'status' | 'valid' | 'problems'> & { checking?: boolean },
): string | null {
  if (state.status === 'loading') return 'Loading the draft…';
  if (state.checking) return 'Checking the draft…';
  if (state.valid) return null;
  const errors = state.problems.filter((p) => p.severity === 'error' && p.source !== 'marketo');
  if (errors.length === 0) return 'The draft is not a valid event';
  const first = errors[0] as Problem;
  const noun = errors.length === 1 ? 'problem' : 'problems';
  return `Fix ${errors.length} ${noun} to send: ${describeProblem(first)}`;
}

export function describeProblem(problem: Pick<Problem, 'path' | 'message'>): string {
  const path = problem.path && problem.path !== '$' ? problem.path : '';
  if (!path || problem.message.includes(path)) return problem.message;
  return `${path} ${problem.message}`;
}

export function selectProblemCounts(state: Pick<DraftState, 'problems'>): {
  errors: number;
  warnings: number;
  infos: number;
} {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const p of state.problems)
    counts[p.severity === 'error' ? 'errors' : p.severity === 'warning' ? 'warnings' : 'infos']++;
  return counts;
}
