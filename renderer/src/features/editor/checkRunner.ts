import type { Checked, Destination } from './draftCheck';

/**
 * Checks of a large draft (a 1 MB event takes long enough to drop keystrokes) run in a Web Worker;
 * only the latest answer is applied. Small drafts are checked at once on the main thread, where a
 * round trip would cost more than the check. No Worker (unit tests): the caller checks inline.
 */
export const LARGE_DRAFT_CHARS = 64 * 1024;

let worker: Worker | null = null;
let latest = 0;

export function checkLarge(
  text: string,
  destination: Destination | null,
  done: (checked: Checked) => void,
): boolean {
  if (text.length < LARGE_DRAFT_CHARS || typeof Worker === 'undefined') return false;
  worker ??= new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' });
  const id = ++latest;
  worker.onmessage = (e: MessageEvent<{ id: number; checked: Checked }>) => {
    if (e.data.id === latest) done(e.data.checked);
  };
  worker.postMessage({ id, text, destination });
  return true;
}
