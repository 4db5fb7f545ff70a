/**
 * Opening the history store for a host. A store that cannot open (a corrupt file, one written by a
 * newer build, a read-only folder) must not stop the app or a send: delivery goes on unrecorded and
 * `problem` says why, for a banner or a warning line.
 */
import { openStore, StoreOpenError, type Store } from './store';

export interface HistoryOptions {
  dataDir: string;
  /** false: record nothing (`--no-record`). */
  record?: boolean;
  retentionDays?: number;
  now?: () => Date;
}

export interface OpenedHistory {
  store: Store | null;
  /** The database file, when open. */
  path: string | null;
  problem: string | null;
}

export function openHistory(options: HistoryOptions): OpenedHistory {
  if (options.record === false) return { store: null, path: null, problem: 'Recording is switched off.' };
  try {
    const store = openStore({
      dataDir: options.dataDir,
      ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    return { store, path: store.path, problem: null };
  } catch (error) {
    const problem =
      error instanceof StoreOpenError
        ? error.message
        : `The history database could not be opened: ${error instanceof Error ? error.message : String(error)}`;
    return { store: null, path: null, problem };
  }
}
