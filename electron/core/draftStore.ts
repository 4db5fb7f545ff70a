import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { atomicWrite } from './atomicWrite';

/**
 * The editor draft, kept in `<userDataDir>/draft.json` so it survives a restart. Writes are atomic
 * (atomicWrite.ts) and serialised, so a crash mid-write leaves the
 * previous draft intact and two saves never interleave. A file that cannot be read back is moved
 * aside rather than overwritten, and load reports "no draft" instead of failing the app.
 */

export const DraftFileSchema = z.object({
  formatVersion: z.literal(1),
  text: z.string(),
  savedAt: z.string(),
});
export type DraftFile = z.infer<typeof DraftFileSchema>;

export interface Draft {
  text: string;
  savedAt: string;
}

export interface DraftStore {
  /** The saved draft, or null when there is none or it was unreadable (then moved aside). */
  load(): Promise<Draft | null>;
  save(text: string): Promise<Draft>;
  /** Resolves once every queued write has finished. */
  flush(): Promise<void>;
}

export const DRAFT_FILE_NAME = 'draft.json';

export function createDraftStore(dir: string, options: { now?: () => Date } = {}): DraftStore {
  const now = options.now ?? (() => new Date());
  const file = join(dir, DRAFT_FILE_NAME);
  // Every write and load joins this chain, so operations run strictly in call order.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  async function moveAside(): Promise<void> {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    try {
      await rename(file, join(dir, `draft.corrupt-${stamp}.json`));
    } catch {
      // Nothing more we can do; the next save replaces the file anyway.
    }
  }

  async function loadNow(): Promise<Draft | null> {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch {
      // Missing or unreadable (permissions): no draft; never fail the app over it.
      return null;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      await moveAside();
      return null;
    }
    const result = DraftFileSchema.safeParse(parsed);
    if (!result.success) {
      await moveAside();
      return null;
    }
    return { text: result.data.text, savedAt: result.data.savedAt };
  }

  async function saveNow(text: string): Promise<Draft> {
    const draft: DraftFile = { formatVersion: 1, text, savedAt: now().toISOString() };
    await atomicWrite(file, JSON.stringify(draft));
    return { text: draft.text, savedAt: draft.savedAt };
  }

  return {
    load: () => enqueue(loadNow),
    save: (text) => enqueue(() => saveNow(text)),
    flush: () => enqueue(async () => undefined),
  };
}
