/**
 * The documented way out of the editor: Escape, then Tab (or Shift+Tab) moves focus to the next (or
 * previous) control outside it, once; any other key in between cancels, so the next Tab indents again.
 *
 * Only a bare Escape arms it. Monaco's keybinding service listens on the editor's container (`host`)
 * and prevents every Escape it uses: closing the suggest, find, hover or parameter-hints widget,
 * dropping a selection or extra cursors. This listener on the same node runs after Monaco's, so an
 * Escape that arrives here not prevented did nothing in the editor, and that one arms the exit. (Monaco's
 * context keys such as `suggestWidgetVisible` are not readable through its public API; the
 * prevented flag covers every widget, including ones added later.)
 */
export interface ExitLatch {
  isArmed(): boolean;
  setArmed(armed: boolean): void;
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export function installEscapeThenTab(host: HTMLElement, latch: ExitLatch): () => void {
  const armOnBareEscape = (e: KeyboardEvent) => {
    const bare = !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing;
    if (e.key === 'Escape' && bare && !e.defaultPrevented) latch.setArmed(true);
  };
  // Capture phase: the armed Tab is taken away from Monaco before its textarea or keybindings see it.
  const leaveOnArmedTab = (e: KeyboardEvent) => {
    if (!latch.isArmed() || MODIFIERS.has(e.key)) return;
    latch.setArmed(false);
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
    // Not prevented, so the browser moves focus itself, in the page's own tab order (Shift: backwards);
    // stopped, so Monaco does not indent.
    e.stopPropagation();
  };
  host.addEventListener('keydown', armOnBareEscape);
  host.addEventListener('keydown', leaveOnArmedTab, { capture: true });
  return () => {
    host.removeEventListener('keydown', armOnBareEscape);
    host.removeEventListener('keydown', leaveOnArmedTab, { capture: true });
  };
}
