import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { PropertyQuery, PropertyReport, SchemaQuery, SchemaReport } from '../../../../shared/collector';
import type { IpcResult } from '../../../../shared/ipc/contract';
import type { CallType } from '../../../../shared/segment/schemas';

/** The Schema view's state: a period, its counts, and the picked event's property presence. */

export interface SchemaDeps {
  schema(query: SchemaQuery): Promise<IpcResult<SchemaReport>>;
  properties(query: PropertyQuery): Promise<IpcResult<PropertyReport>>;
  /** The profile whose mapping says which properties are required. */
  targetId(): string | null;
  now(): number;
  utcOffsetMinutes(): number;
}

export const SCHEMA_PERIODS = [
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '24h', label: '24 h', ms: 86_400_000 },
  { id: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { id: '14d', label: '14 days', ms: 14 * 86_400_000 },
] as const;
export type SchemaPeriod = (typeof SCHEMA_PERIODS)[number]['id'];

export interface PickedEvent {
  type: CallType;
  name: string | null;
}

export interface SchemaState {
  period: SchemaPeriod;
  report: SchemaReport | null;
  picked: PickedEvent | null;
  properties: PropertyReport | null;
  error: string | null;
  setPeriod(period: SchemaPeriod): void;
  refresh(): void;
  pick(event: PickedEvent | null): void;
}

export type SchemaStore = UseBoundStore<StoreApi<SchemaState>>;

/** Hours for short periods, days for long ones, as Segment's Schema tab. */
export function bucketFor(period: SchemaPeriod): 'hour' | 'day' {
  return period === '1h' || period === '24h' ? 'hour' : 'day';
}

export function createSchemaStore(deps: SchemaDeps): SchemaStore {
  let generation = 0;
  return create<SchemaState>((set, get) => {
    const range = () => {
      const period = SCHEMA_PERIODS.find((p) => p.id === get().period)!;
      return {
        since: new Date(deps.now() - period.ms).toISOString(),
        bucket: bucketFor(period.id),
        utcOffsetMinutes: deps.utcOffsetMinutes(),
      };
    };
    const loadProperties = (mine: number) => {
      const picked = get().picked;
      if (!picked) return set({ properties: null });
      const targetId = deps.targetId();
      void deps
        .properties({ ...range(), type: picked.type, name: picked.name, ...(targetId ? { targetId } : {}) })
        .then((r) => {
          if (mine !== generation) return;
          if (r.ok) set({ properties: r.value });
          else set({ error: r.error.message });
        });
    };
    return {
      period: '7d',
      report: null,
      picked: null,
      properties: null,
      error: null,
      setPeriod(period) {
        set({ period });
        get().refresh();
      },
      refresh() {
        const mine = ++generation;
        void deps.schema(range()).then((r) => {
          if (mine !== generation) return;
          if (r.ok) set({ report: r.value, error: null });
          else set({ error: r.error.message });
        });
        loadProperties(mine);
      },
      pick(event) {
        set({ picked: event, properties: null });
        loadProperties(++generation);
        // The event list belongs to the same generation; keep it.
        const mine = generation;
        void deps.schema(range()).then((r) => mine === generation && r.ok && set({ report: r.value }));
      },
    };
  });
}
