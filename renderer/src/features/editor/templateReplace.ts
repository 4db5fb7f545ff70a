import { create } from 'zustand';
import { announce } from '../../ui/announcer';
import { modKey } from '../../ui/platform';
import { useDraftStore } from './draftStore';
import { lastLoadedText, replaceDraftText } from './editorBridge';
import { draftHasOwnEdits } from './templateChoice';

/** A template waiting for the user's answer: its name (as shown) and the text it would put in. */
export interface PendingTemplate {
  label: string;
  text: string;
}

interface TemplateReplaceState {
  pending: PendingTemplate | null;
}

export const useTemplateReplace = create<TemplateReplaceState>(() => ({ pending: null }));

function replaceWith({ label, text }: PendingTemplate): void {
  replaceDraftText(text);
  announce(`Replaced the draft with the ${label} template; ${modKey}+Z in the editor undoes it.`);
}

/**
 * Every "start from a template" (the editor's buttons, the Builder's picker) comes here: a draft
 * with the user's own changes is replaced only after asking (ReplaceDraftConfirm); either way the
 * replace is one undoable edit, and the live region says so.
 */
export function startFromTemplate(label: string, build: () => string): void {
  const template = { label, text: build() };
  if (draftHasOwnEdits(useDraftStore.getState().text, lastLoadedText())) {
    useTemplateReplace.setState({ pending: template });
  } else {
    replaceWith(template);
  }
}

export function answerTemplateQuestion(replace: boolean): void {
  const { pending } = useTemplateReplace.getState();
  useTemplateReplace.setState({ pending: null });
  if (replace && pending) replaceWith(pending);
}
