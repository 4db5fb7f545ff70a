import {
  PropertyQuerySchema,
  SchemaQuerySchema,
  type CountBucket,
  type PropertyPresence,
  type PropertyQuery,
  type PropertyReport,
  type SchemaQuery,
  type SchemaReport,
} from '../../../shared/collector';
import type { Database, SqlValue } from './database';
import { sourceFilter } from './receivedFilters';

/**
 * The Schema view's aggregates over received events: calls per hour or day, every event name with
 * its count, and for one event the presence of each property path (how many events carried it, and
 * with which JSON types). Counts come from SQL; property paths from walking the stored payloads,
 * since a path's presence is per event and arrays are folded (`products[].sku`).
 */

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;
/** More buckets than this (e.g. hours over a year) would be a chart nobody can read. */
const MAX_BUCKETS = 2000;

export interface SchemaQueries {
  schema(query: SchemaQuery): SchemaReport;
  /** `required`: paths the target's mapping needs; they are listed even when never seen. */
  properties(query: PropertyQuery, required?: readonly string[]): PropertyReport;
}

export function createSchemaQueries(db: Database, now: () => Date = () => new Date()): SchemaQueries {
  return {
    schema: (input) => schemaReport(db, SchemaQuerySchema.parse(input), now()),
    properties: (input, required = []) =>
      propertyReport(db, PropertyQuerySchema.parse(input), required, now()),
  };
}

interface Range {
  since: number;
  until: number;
  size: number;
  offset: number;
}

function rangeOf(
  query: { since: string; until?: string; bucket: 'hour' | 'day'; utcOffsetMinutes: number },
  now: Date,
): Range {
  const since = Date.parse(query.since);
  const until = query.until === undefined ? now.getTime() : Date.parse(query.until);
  return { since, until, size: BUCKET_MS[query.bucket], offset: query.utcOffsetMinutes * 60_000 };
}

function baseWhere(range: Range, source: string | undefined): { clause: string; params: SqlValue[] } {
  const where = ['e.arrived_at >= ?', 'e.arrived_at < ?'];
  const params: SqlValue[] = [range.since, range.until];
  if (source !== undefined) {
    const filter = sourceFilter(source);
    where.push(filter.sql);
    params.push(...filter.params);
  }
  return { clause: where.join(' AND '), params };
}

/** Every bucket from the one holding `since` to the one holding `until`, zeros included. */
function buckets(db: Database, range: Range, clause: string, params: SqlValue[]): CountBucket[] {
  const start = (t: number) => Math.floor((t + range.offset) / range.size) * range.size - range.offset;
  const rows = db.all<{ bucket: number; n: number }>(
    // CAST: the driver may bind the numbers as REAL, and the division must floor.
    `SELECT CAST((e.arrived_at + ?) / ? AS INTEGER) * ? - ? AS bucket, count(*) AS n FROM received_events e
     WHERE ${clause} GROUP BY bucket`,
    range.offset,
    range.size,
    range.size,
    range.offset,
    ...params,
  );
  const counts = new Map(rows.map((row) => [Number(row.bucket), row.n]));
  const out: CountBucket[] = [];
  const last = start(Math.max(range.since, range.until - 1));
  for (let at = start(range.since); at <= last && out.length < MAX_BUCKETS; at += range.size) {
    out.push({ at: new Date(at).toISOString(), count: counts.get(at) ?? 0 });
  }
  return out;
}

function schemaReport(
  db: Database,
  query: ReturnType<typeof SchemaQuerySchema.parse>,
  now: Date,
): SchemaReport {
  const range = rangeOf(query, now);
  const { clause, params } = baseWhere(range, query.source);
  const events = db.all<{ type: string | null; name: string | null; n: number; good: number }>(
    `SELECT e.type AS type, e.event_name AS name, count(*) AS n, sum(e.good) AS good
     FROM received_events e WHERE ${clause} GROUP BY e.type, e.event_name ORDER BY n DESC, type, name`,
    ...params,
  );
  return {
    total: events.reduce((sum, row) => sum + row.n, 0),
    buckets: buckets(db, range, clause, params),
    events: events.map((row) => ({
      type: row.type ?? '(unreadable)',
      name: row.name,
      count: row.n,
      good: row.good ?? 0,
    })),
  };
}

/** Where a call's own data lives: properties for track, page and screen; traits for identify, group. */
export function bagOf(type: string): 'properties' | 'traits' | null {
  if (type === 'identify' || type === 'group') return 'traits';
  if (type === 'track' || type === 'page' || type === 'screen') return 'properties';
  return null;
}

function propertyReport(
  db: Database,
  query: ReturnType<typeof PropertyQuerySchema.parse>,
  required: readonly string[],
  now: Date,
): PropertyReport {
  const range = rangeOf(query, now);
  const base = baseWhere(range, query.source);
  const clause = `${base.clause} AND e.type = ? AND e.event_name IS ?`;
  const params = [...base.params, query.type, query.name];
  const bag = bagOf(query.type);
  const presence = new Map<string, { count: number; types: Set<string> }>();
  let total = 0;
  const rows = db.prepare<{ payload_json: string }>(
    `SELECT e.payload_json FROM received_events e WHERE ${clause}`,
  );
  for (const row of rows.all(...params)) {
    total += 1;
    if (bag === null) continue;
    const payload: unknown = JSON.parse(row.payload_json);
    const value = isPlainObject(payload) && Object.hasOwn(payload, bag) ? payload[bag] : undefined;
    const seen = new Map<string, Set<string>>();
    if (isPlainObject(value)) walk(value, '', seen);
    for (const [path, types] of seen) {
      const entry = presence.get(path) ?? { count: 0, types: new Set<string>() };
      entry.count += 1;
      for (const type of types) entry.types.add(type);
      presence.set(path, entry);
    }
  }
  const requiredSet = new Set(required);
  for (const path of requiredSet) if (!presence.has(path)) presence.set(path, { count: 0, types: new Set() });
  const properties: PropertyPresence[] = [...presence]
    .map(([path, entry]) => ({
      path,
      count: entry.count,
      types: [...entry.types].sort(),
      required: requiredSet.has(path),
    }))
    .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
  return { total, bag: bag ?? 'properties', buckets: buckets(db, range, clause, params), properties };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Paths seen in one event (each counted once per event, whatever the array length). */
function walk(object: Record<string, unknown>, prefix: string, seen: Map<string, Set<string>>): void {
  for (const key of Object.keys(object)) {
    visit(object[key], prefix === '' ? key : `${prefix}.${key}`, seen);
  }
}

function visit(value: unknown, path: string, seen: Map<string, Set<string>>): void {
  const types = seen.get(path) ?? new Set<string>();
  types.add(jsonType(value));
  seen.set(path, types);
  if (isPlainObject(value)) walk(value, path, seen);
  else if (Array.isArray(value)) {
    for (const item of value) {
      if (isPlainObject(item)) walk(item, `${path}[]`, seen);
    }
  }
}
