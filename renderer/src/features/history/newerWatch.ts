/**
 * When History asks the store whether other processes (the CLI, a suite run elsewhere, the
 * collector) recorded deliveries: every few seconds while the page is visible, and at once when the
 * window regains focus or the page becomes visible again. Pushes cover this process's own sends.
 */
export const NEWER_CHECK_MS = 5_000;

/** The few parts of `window` and `document` it uses (plain types, so Node's unit tests can stand in). */
interface Listening {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface WatchHost {
  window: Listening & {
    setInterval(handler: () => void, ms: number): number;
    clearInterval(id: number): void;
  };
  document: Listening & { readonly hidden: boolean };
}

/** Starts watching; the returned function stops it. */
export function watchForNewer(check: () => void, host: WatchHost, intervalMs = NEWER_CHECK_MS): () => void {
  const whenVisible = () => {
    if (!host.document.hidden) check();
  };
  const timer = host.window.setInterval(whenVisible, intervalMs);
  host.window.addEventListener('focus', whenVisible);
  host.document.addEventListener('visibilitychange', whenVisible);
  return () => {
    host.window.clearInterval(timer);
    host.window.removeEventListener('focus', whenVisible);
    host.document.removeEventListener('visibilitychange', whenVisible);
  };
}
