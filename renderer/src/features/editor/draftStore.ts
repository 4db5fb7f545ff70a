import { create } from 'zustand';
import { applyTextEdits, locate, type TextEdit } from '../../../../shared/json/edit';
import { parsePath } from '../../../../shared/json/path';
import type { CatalogActivityType } from '../../../../shared/profiles';
import { lintForMarketo, type Severity } from '../../../../shared/segment/marketoLint';
import { checkSingleEvent, parseJsonText } from '../../../../shared/segment/validate';
import type { DestinationSettings } from '../../../../shared/settings';

/** One entry in the problems list: a validation error or warning, located in the draft when possible. */
export interface Problem {
  severity: Severity;
  path: string;
  message: string;
  line: number | null;
  column: number | null;
  /** 'marketo': predicted by the active profile's settings; it does not block Send. */
  source?: 'segment' | 'marketo';
  fix?: string;
}

/** The active profile's settings and, once loaded from Marketo, its activity types. */
export interface Destination {
  settings: DestinationSettings;
  activityTypes: readonly CatalogActivityType[] | null;
}

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
  /** Re-checks the draft against another profile's settings (null: Segment rules only). */
  setDestination(destination: Destination | null): void;
  hydrate(text: string, savedAt: string | null): void;
  setText(text: string): void;
  /** Minimal text edits (shared/json/edit.ts), e.g. one field set by the Event Builder. */
  applyEdit(edits: TextEdit[]): void;
  markSaving(): void;
  markSaved(savedAt: string): void;
  markSaveFailed(message: string): void;
}

interface Checked {
  event: unknown;
  valid: boolean;
  problems: Problem[];
}

/** Validation is pure and derived from the text, so it lives here rather than in a component. */
export function checkDraft(text: string, destination: Destination | null = null): Checked {
  if (text.trim() === '') {
    return {
      event: undefined,
      valid: false,
      problems: [{ severity: 'error', path: '$', message: 'The draft is empty', line: 1, column: 1 }],
    };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { path, message, line, column } = parsed.error;
    return { event: undefined, valid: false, problems: [{ severity: 'error', path, message, line, column }] };
  }
  // Send takes exactly one event, so the draft is checked the way main checks it before delivering;
  // the editor's schema requires "type", so a missing one is an error here too, not an inference.
  const result = checkSingleEvent(parsed.value, { requireType: true });
  const located = (severity: Problem['severity']) => (issue: { path: string; message: string }) => {
    const segments = parsePath(issue.path);
    const at = segments ? locate(text, segments) : null;
    return {
      severity,
      path: issue.path,
      message: issue.message,
      line: at?.line ?? null,
      column: at?.column ?? null,
    };
  };
  const problems: Problem[] = [
    ...result.errors.map(located('error')),
    ...result.warnings.map(located('warning')),
  ];
  if (result.event && destination) {
    const findings = lintForMarketo(result.event, destination.settings, {
      activityTypes: destination.activityTypes,
    });
    for (const f of findings) problems.push({ ...located(f.severity)(f), source: 'marketo', fix: f.fix });
  }
  return { event: result.valid ? result.event : undefined, valid: result.valid, problems };
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
  setDestination(destination) {
    set({ destination, ...checkDraft(get().text, destination) });
  },
  hydrate(text, savedAt) {
    const checked = checkDraft(text, get().destination);
    set({ status: 'ready', text, savedAt, saveState: savedAt ? 'saved' : 'idle', ...checked });
  },
  setText(text) {
    if (text === get().text) return;
    set({ text, saveState: 'pending', ...checkDraft(text, get().destination) });
  },
  applyEdit(edits) {
    if (edits.length === 0) return;
    const before = get().text;
    const text = applyTextEdits(before, edits);
    if (text === before) return;
    const seq = (get().lastEdit?.seq ?? 0) + 1;
    const checked = checkDraft(text, get().destination);
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
  state: Pick<DraftState, 'status' | 'valid' | 'problems'>,
): string | null {
  if (state.status === 'loading') return 'Loading the draft…';
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
