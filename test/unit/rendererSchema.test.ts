import { describe, expect, it } from 'vitest';
import type { PropertyQuery, PropertyReport, SchemaQuery, SchemaReport } from '../../shared/collector';
import type { IpcResult } from '../../shared/ipc/contract';
import { bucketFor, createSchemaStore, SCHEMA_PERIODS } from '../../renderer/src/features/schema/schemaStore';

/** The Schema view's store over stand-ins for collector:schema and collector:properties. */

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

function harness(targetId: string | null = 'sandbox') {
  const schemaQueries: SchemaQuery[] = [];
  const propertyQueries: PropertyQuery[] = [];
  const waiting: (() => void)[] = [];
  let hold = false;
  const later = <T>(value: T) =>
    new Promise<T>((resolve) => (hold ? waiting.push(() => resolve(value)) : resolve(value)));
  const store = createSchemaStore({
    schema: (query) => {
      schemaQueries.push(query);
      const report: SchemaReport = {
        total: schemaQueries.length,
        buckets: [],
        events: [{ type: 'track', name: 'Signed Up', count: schemaQueries.length, good: 1 }],
      };
      return later(ok(report));
    },
    properties: (query) => {
      propertyQueries.push(query);
      const report: PropertyReport = {
        total: 4,
        bag: 'properties',
        buckets: [],
        properties: [{ path: 'plan', count: 3, types: ['string'], required: true }],
      };
      return later(ok(report));
    },
    targetId: () => targetId,
    now: () => NOW,
    utcOffsetMinutes: () => 120,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    store,
    schemaQueries,
    propertyQueries,
    settle,
    hold: () => (hold = true),
    release: () => waiting.splice(0).forEach((fn) => fn()),
  };
}

describe('schema store', () => {
  it('counts by the hour for short periods and by the day for long ones', () => {
    expect(SCHEMA_PERIODS.map((p) => [p.id, bucketFor(p.id)])).toEqual([
      ['1h', 'hour'],
      ['24h', 'hour'],
      ['7d', 'day'],
      ['14d', 'day'],
    ]);
  });

  it("asks for the period ending now, in the viewer's local days", async () => {
    const h = harness();
    h.store.getState().refresh();
    await h.settle();
    expect(h.schemaQueries).toEqual([
      { since: '2026-03-03T12:00:00.000Z', bucket: 'day', utcOffsetMinutes: 120 },
    ]);
    expect(h.store.getState().report?.events[0]?.name).toBe('Signed Up');
    h.store.getState().setPeriod('24h');
    await h.settle();
    expect(h.schemaQueries.at(-1)).toEqual({
      since: '2026-03-09T12:00:00.000Z',
      bucket: 'hour',
      utcOffsetMinutes: 120,
    });
  });

  it("picks an event: its property presence against the active profile's mapping, over the same period", async () => {
    const h = harness('sandbox');
    h.store.getState().pick({ type: 'track', name: 'Signed Up' });
    await h.settle();
    expect(h.propertyQueries).toEqual([
      {
        since: '2026-03-03T12:00:00.000Z',
        bucket: 'day',
        utcOffsetMinutes: 120,
        type: 'track',
        name: 'Signed Up',
        targetId: 'sandbox',
      },
    ]);
    expect(h.store.getState().properties?.properties[0]).toMatchObject({ path: 'plan', required: true });
    h.store.getState().pick(null);
    expect(h.store.getState().properties).toBeNull();
  });

  it('asks without a profile when none is active', async () => {
    const h = harness(null);
    h.store.getState().pick({ type: 'identify', name: null });
    await h.settle();
    expect(h.propertyQueries[0]).not.toHaveProperty('targetId');
  });

  it('ignores an answer that arrives after a newer question', async () => {
    const h = harness();
    h.hold();
    h.store.getState().setPeriod('1h');
    h.store.getState().setPeriod('14d');
    h.release();
    await h.settle();
    // The first answer (1h, total 1) came back after the second question: only 14d's is kept.
    expect(h.store.getState().period).toBe('14d');
    expect(h.store.getState().report?.total).toBe(2);
  });
});
