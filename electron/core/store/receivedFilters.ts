import type { SqlValue } from './database';

/** A source named by its write key or by its (user-given) name; `e` is received_events. */
export function sourceFilter(source: string): { sql: string; params: SqlValue[] } {
  return {
    sql: '(e.write_key = ? OR e.write_key IN (SELECT write_key FROM collector_sources WHERE name = ?))',
    params: [source, source],
  };
}
