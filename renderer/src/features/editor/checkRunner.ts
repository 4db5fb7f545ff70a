import type { Checked, Destination } from './draftCheck';

/**
 * Checks of a large draft (a 1 MB event takes long enough to drop keystrokes) run in a Web Worker;
 * only the latest answer is applied. Small drafts are checked at once on the main thread, where a
 * round trip would cost more than the check. No Worker (unit tests): the caller checks inline.
 */
export const LARGE_DRAFT_CHARS = 64 * 1024;

interface Answer {
  id: number;
  checked: Checked;
}
interface CheckWorker {
  onmessage: ((e: { data: Answer }) => void) | null;
  postMessage(message: unknown): void;
}
// Typed here rather than from the DOM lib: the store (and so this module) is also compiled and
// unit-tested under the Node configuration. The name stays `Worker` so Vite finds and bundles
// `new Worker(new URL(...))` below.
const Worker = (globalThis as { Worker?: new (url: URL, options: { type: 'module' }) => CheckWorker }).Worker;

let worker: CheckWorker | null = null;
let latest = 0;

export function checkLarge(
  text: string,
  destination: Destination | null,
  done: (checked: Checked) => void,
): boolean {
  if (text.length < LARGE_DRAFT_CHARS || Worker === undefined) return false;
  const running = (worker ??= new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' }));
  const id = ++latest;
  running.onmessage = (e) => {
    if (e.data.id === latest) done(e.data.checked);
  };
  running.postMessage({ id, text, destination });
  return true;
}
