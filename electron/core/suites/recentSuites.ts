/**
 * The Suites view's recent files, newest first, kept in the data folder so they outlive the app
 * session. Paths only (no suite content); a file that has since moved stays listed until opening
 * it fails, as editors do. A missing or unreadable list starts empty rather than blocking a suite.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { atomicWrite } from '../atomicWrite';

export const RECENT_SUITES_FILE = 'recent-suites.json';
const LIMIT = 10;
const RecentSchema = z.array(z.string().max(4096)).max(100);

export interface RecentSuites {
  list(): Promise<string[]>;
  add(path: string): Promise<void>;
}

/** `file` null: kept in memory only (tests, or no data folder). */
export function createRecentSuites(file: string | null): RecentSuites {
  let paths: string[] | null = null;
  const load = async (): Promise<string[]> => {
    if (paths) return paths;
    if (!file) return (paths = []);
    const text = await readFile(file, 'utf8').catch(() => null);
    const parsed = text === null ? null : RecentSchema.safeParse(safeJson(text));
    paths = parsed?.success ? parsed.data.slice(0, LIMIT) : [];
    return paths;
  };
  return {
    list: async () => [...(await load())],
    async add(path) {
      paths = [path, ...(await load()).filter((p) => p !== path)].slice(0, LIMIT);
      // Losing the list is a nuisance, never a reason to fail the open or save that added to it.
      if (file) await atomicWrite(file, `${JSON.stringify(paths, null, 2)}\n`).catch(() => undefined);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
