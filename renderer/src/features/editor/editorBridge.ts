import { edit } from '../../../../shared/json/edit';
import type { JsonPath } from '../../../../shared/json/path';
import { useDraftStore } from './draftStore';

/**
 * The few imperative things the rest of the app asks of the editor (replace text, format, reveal a
 * line, focus). The editor component registers itself; without one, text goes straight to the store.
 */
export interface EditorHandle {
  replaceText(text: string): void;
  format(): Promise<void>;
  reveal(line: number, column: number): void;
  focus(): void;
}

let handle: EditorHandle | null = null;

export function registerEditor(next: EditorHandle | null): void {
  handle = next;
}

let lastLoaded: string | null = null;

/** Replaces the whole draft (a template, an opened event): one undoable edit in the editor. */
export function replaceDraftText(text: string): void {
  lastLoaded = text;
  if (handle) handle.replaceText(text);
  else useDraftStore.getState().setText(text);
}

/** The text the draft was last replaced with, so a later replace knows whether the user changed it since. */
export function lastLoadedText(): string | null {
  return lastLoaded;
}

export async function formatDraft(): Promise<void> {
  if (handle) return handle.format();
  const { text, setText } = useDraftStore.getState();
  try {
    setText(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  } catch {
    // Invalid JSON cannot be formatted without the editor's tolerant formatter; leave it as it is.
  }
}

export function revealInDraft(line: number, column: number): void {
  handle?.reveal(line, column);
}

export function focusDraft(): void {
  handle?.focus();
}

/**
 * Sets one member of the draft (undefined removes it) with a minimal text edit: the rest of the
 * user's text is untouched, and the editor gets it as one undoable step.
 */
export function editDraft(path: JsonPath, value: unknown): void {
  const { text, applyEdit } = useDraftStore.getState();
  applyEdit(edit(text, path, value), { path, value });
}
