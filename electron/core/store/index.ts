import { join } from 'node:path';
import type { CallLedger } from '../marketo/callLedger';
import { createCallLedgerStore } from './callLedgerStore';
import { openDatabase } from './database';
import { createDeliveryStore, type DeliveryStore } from './deliveryStore';
import { createDeliveryStatsQueries, type DeliveryStatsQueries } from './deliveryStatsQueries';
import { createReceivedEventStore, type ReceivedEventStore } from './receivedEventStore';
import { createSchemaQueries, type SchemaQueries } from './schemaQueries';
import { createSuiteRunStore } from './suiteRunStore';
import type { SuiteRunRecorder } from '../suites/runner';

/**
 * The local store: one SQLite file per user, shared by the app, the CLI and suite runs (each opens
 * its own connection; WAL and the busy timeout let them write side by side). Old deliveries are
 * pruned at open and then hourly, in whichever process has the store open.
 */

export { StoreOpenError, type StoreOpenProblem } from './storeOpenError';
export { defaultDataDir, PRODUCT_NAME, type DataDirContext } from './dataDir';
export type { DeliveryStore, OutcomeCounts } from './deliveryStore';
export type { DeliveryStatsQueries, RawIssue, RawMetrics, StatsFilter } from './deliveryStatsQueries';
export type { NewReceivedEvent, ReceivedEventStore } from './receivedEventStore';
export type { SchemaQueries } from './schemaQueries';

export const DATABASE_FILE = 'event-tester.db';
export const DEFAULT_RETENTION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface StoreOptions {
  dataDir: string;
  /** Deliveries older than this many days are removed. */
  retentionDays?: number;
  now?: () => Date;
  /** A background prune that fails (e.g. the disk is full) must not stop the app; it is reported here. */
  onPruneError?: (error: unknown) => void;
}

export interface Store {
  /** The database file. */
  readonly path: string;
  readonly deliveries: DeliveryStore;
  /** Event Delivery's summary, trends and issues over the per-minute aggregates. */
  readonly stats: DeliveryStatsQueries;
  /** The local collector's events and sources, and the Schema view's aggregates over them. */
  readonly received: ReceivedEventStore;
  readonly schema: SchemaQueries;
  /** Calls per Marketo instance by every process: the governors' shared rate budget. */
  readonly callLedger: CallLedger;
  /** Suite runs and their case results. */
  readonly suiteRuns: SuiteRunRecorder;
  /** Removes what is past retention now; returns how many deliveries went. */
  prune(): number;
  /** Stops the prune timer and closes the database; safe to call twice. */
  close(): void;
}

/** Opens (creating or migrating) `<dataDir>/event-tester.db`; throws StoreOpenError for a file it must not touch. */
export function openStore(options: StoreOptions): Store {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    throw new RangeError(`retentionDays must be a positive number of days, not ${retentionDays}.`);
  }
  const now = options.now ?? (() => new Date());
  const onPruneError = options.onPruneError ?? ((error) => console.warn('History prune failed:', error));
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const deliveries = createDeliveryStore(db, { now });
  const received = createReceivedEventStore(db);
  const prune = (): number => {
    const cutoff = new Date(now().getTime() - retentionDays * DAY_MS);
    // Received events follow the same retention; the count reported stays the deliveries'.
    received.prune(cutoff);
    return deliveries.prune(cutoff);
  };
  const pruneQuietly = (): void => {
    try {
      prune();
    } catch (error) {
      onPruneError(error);
    }
  };

  pruneQuietly();
  const timer = setInterval(pruneQuietly, PRUNE_INTERVAL_MS);
  timer.unref();
  let closed = false;
  return {
    path: db.file,
    deliveries,
    stats: createDeliveryStatsQueries(db),
    received,
    schema: createSchemaQueries(db, now),
    callLedger: createCallLedgerStore(db),
    suiteRuns: createSuiteRunStore(db),
    prune,
    close: () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      db.close();
    },
  };
}
