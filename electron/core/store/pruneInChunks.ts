import type { Database } from './database';

/** Rows per prune transaction, so a large prune never holds the write lock for long. */
const PRUNE_CHUNK = 2000;

/**
 * Deletes the rows of `table` whose `timeColumn` is before `olderThan`, a chunk per transaction, and
 * returns how many went. `table`, `key` and `timeColumn` are the store's own names, never input.
 */
export function pruneInChunks(
  db: Database,
  spec: { table: string; key: string; timeColumn: string },
  olderThan: Date,
): number {
  const cutoff = olderThan.getTime();
  if (Number.isNaN(cutoff)) throw new RangeError('prune needs a valid date.');
  const { table, key, timeColumn } = spec;
  const sql = `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${timeColumn} < ? LIMIT ?)`;
  let removed = 0;
  for (;;) {
    const { changes } = db.transaction(() => db.run(sql, cutoff, PRUNE_CHUNK));
    removed += changes;
    if (changes < PRUNE_CHUNK) return removed;
  }
}
