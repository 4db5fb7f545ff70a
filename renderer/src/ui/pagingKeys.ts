/**
 * The keys that page a lifecycle viewer from anywhere: Alt+PageDown (next request) and Alt+PageUp
 * (previous). Why these:
 * - they leave the editor's arrows (and plain PageUp/PageDown, which move the caret) alone;
 * - Chromium, Electron's default menu and the web host's browser bind nothing to them, unlike
 *   Alt+Left/Right (Back/Forward in a browser), Ctrl+PageUp/PageDown (switch browser tabs), Alt+Home
 *   (home page) or Ctrl+Alt+arrows (switch workspaces on many Linux desktops);
 * - on a Mac they are Option+PageDown/PageUp (fn+Option+↓/↑ on a laptop), also free.
 * Inside Monaco they replace "scroll a page without moving the caret" (Alt+PageUp/PageDown on Windows
 * and Linux), which a draft of a few dozen lines does not miss; the editor registers them as its own
 * commands so the key does not reach Monaco's binding first.
 */
export type PageDirection = 'next' | 'prev';

export const PAGING_KEY_LABELS: Record<PageDirection, string> = {
  next: 'Alt+PageDown',
  prev: 'Alt+PageUp',
};

/** The parts of a keydown that decide paging (a DOM KeyboardEvent has them). */
export interface KeyChord {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The direction a keydown pages in, or null when it is not a paging key. */
export function pagingDirectionOf(e: KeyChord): PageDirection | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  if (e.key === 'PageDown') return 'next';
  if (e.key === 'PageUp') return 'prev';
  return null;
}
