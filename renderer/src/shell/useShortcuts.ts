import { useEffect } from 'react';
import { formatDraft, pageRequests, sendDraft, showView } from '../commands';
import { pagingDirectionOf } from '../ui/pagingKeys';
import { useShortcutsSheet } from './shortcutsSheet';
import { useViewStore } from './viewStore';
import { viewForDigit } from './views';

/** Ctrl/Cmd+digit → the n-th view, anywhere (`code`, so it works on AZERTY too). */
function digitOf(e: KeyboardEvent): number | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  return match ? Number(match[1]) : null;
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type))
  );
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      // `?` opens the shortcuts sheet, unless it is being typed into a field or the editor.
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target)) {
        e.preventDefault();
        useShortcutsSheet.getState().show();
        return;
      }
      const view = viewForDigit(digitOf(e) ?? 0);
      if (view) {
        e.preventDefault();
        showView(view.id);
        return;
      }
      // Paging the shown lifecycle (Tester or History) from anywhere; inside Monaco an editor command.
      const direction = pagingDirectionOf(e);
      if (direction && !e.defaultPrevented) {
        e.preventDefault();
        pageRequests(direction);
        return;
      }
      // The rest belong to the Tester; inside Monaco its own commands handle them and stop the event.
      if (e.defaultPrevented || useViewStore.getState().active !== 'tester') return;
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void sendDraft(e.shiftKey);
      } else if (e.shiftKey && e.altKey && e.code === 'KeyF') {
        e.preventDefault();
        void formatDraft();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
