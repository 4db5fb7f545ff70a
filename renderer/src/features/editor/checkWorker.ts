/// <reference lib="webworker" />
import { checkDraft, type Destination } from './draftCheck';

/** Runs the draft's check off the main thread (checkRunner.ts); answers with the request's id. */
self.onmessage = (e: MessageEvent<{ id: number; text: string; destination: Destination | null }>) => {
  const { id, text, destination } = e.data;
  const started = performance.now();
  const checked = checkDraft(text, destination);
  self.postMessage({ id, checked, ms: performance.now() - started });
};
