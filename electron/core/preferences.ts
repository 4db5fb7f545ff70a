/**
 * The user's preferences (shared/preferences.ts) in `<dataDir>/preferences.json`, so a choice such
 * as dismissing the Sandbox note holds across restarts of the app and of `event-tester ui`.
 * Writes are atomic and serialised; a missing or unreadable file reads as the defaults rather than
 * blocking the app (a dismissed note showing again is a nuisance, not a failure).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PreferencesSchema, type Preferences, type PreferencesPatch } from '../../shared/preferences';
import { atomicWrite } from './atomicWrite';

export const PREFERENCES_FILE = 'preferences.json';

const PreferencesFileSchema = PreferencesSchema.extend({ formatVersion: z.literal(1) });

export interface PreferenceStore {
  get(): Promise<Preferences>;
  /** Sets the given preferences, keeps the others, and answers with all of them. */
  set(patch: PreferencesPatch): Promise<Preferences>;
}

/** `file` null: kept in memory only (tests, or no data folder). */
export function createPreferenceStore(file: string | null): PreferenceStore {
  let current: Preferences | null = null;
  // Every read and write joins this chain, so two quick changes never interleave their writes.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<Preferences> => {
    if (current) return current;
    const text = file ? await readFile(file, 'utf8').catch(() => null) : null;
    const parsed = text === null ? null : PreferencesFileSchema.safeParse(safeJson(text));
    current = parsed?.success ? PreferencesSchema.parse(parsed.data) : PreferencesSchema.parse({});
    return current;
  };

  return {
    get: () => enqueue(load),
    set: (patch) =>
      enqueue(async () => {
        const next: Preferences = { ...(await load()), ...definedOnly(patch) };
        if (file) await atomicWrite(file, `${JSON.stringify({ formatVersion: 1, ...next }, null, 2)}\n`);
        current = next;
        return next;
      }),
  };
}

function definedOnly(patch: PreferencesPatch): Partial<Preferences> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
