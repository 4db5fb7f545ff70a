import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type {
  CollectorSource,
  CollectorStatus,
  ReceivedEvent,
  ReceivedEventPage,
  ReceivedEventQuery,
  ReceivedEventSummary,
} from '../../../../shared/collector';
import type { IpcResult } from '../../../../shared/ipc/contract';

/**
 * The Source Debugger's state: the newest events matching the filters (fetched once per filter
 * change, then grown by pushes), pause/resume, and the opened event. Pushes arrive at up to a few
 * hundred a second, so they are batched into one state update per animation frame.
 */

export interface DebuggerDeps {
  list(query: ReceivedEventQuery): Promise<IpcResult<ReceivedEventPage>>;
  get(id: number): Promise<IpcResult<ReceivedEvent>>;
  sources(): Promise<IpcResult<{ sources: CollectorSource[] }>>;
  status(): Promise<IpcResult<CollectorStatus>>;
  subscribe(listener: (event: ReceivedEventSummary) => void): () => void;
  /** Runs `fn` before the next paint (requestAnimationFrame in the page). */
  nextFrame(fn: () => void): void;
}

export type Verdict = 'all' | 'good' | 'bad';

export interface DebuggerFilters {
  source: string;
  type: string;
  event: string;
  verdict: Verdict;
  search: string;
}

export const DEFAULT_FILTERS: DebuggerFilters = {
  source: '',
  type: '',
  event: '',
  verdict: 'all',
  search: '',
};
/** Rows kept in memory: the list is a live tail, the store holds the rest. */
export const MAX_ROWS = 5000;

export interface OpenedEvent {
  id: number;
  status: 'loading' | 'ready' | 'error';
  event: ReceivedEvent | null;
  error: string | null;
}

export interface DebuggerState {
  status: CollectorStatus | null;
  sources: CollectorSource[];
  filters: DebuggerFilters;
  items: ReceivedEventSummary[];
  total: number;
  loading: boolean;
  error: string | null;
  paused: boolean;
  /** Events that arrived while paused, shown on resume. */
  held: ReceivedEventSummary[];
  opened: OpenedEvent | null;
  tab: 'pretty' | 'raw';
  start(): () => void;
  load(): void;
  setFilter<K extends keyof DebuggerFilters>(key: K, value: DebuggerFilters[K]): void;
  togglePause(): void;
  open(id: number): void;
  setTab(tab: 'pretty' | 'raw'): void;
  /** A source was renamed or its forwarding changed: the filter and the rows show it at once. */
  sourceChanged(source: CollectorSource): void;
}

export type DebuggerStore = UseBoundStore<StoreApi<DebuggerState>>;

export function toQuery(filters: DebuggerFilters): ReceivedEventQuery {
  return {
    limit: 1000,
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.type ? { type: filters.type as ReceivedEventQuery['type'] } : {}),
    ...(filters.event.trim() ? { event: filters.event.trim() } : {}),
    ...(filters.verdict !== 'all' ? { good: filters.verdict === 'good' } : {}),
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
  };
}

/** Whether a pushed event belongs in the list; a keyword search needs the payload, so the store decides. */
export function matches(event: ReceivedEventSummary, filters: DebuggerFilters): boolean {
  if (filters.source && event.writeKey !== filters.source && event.sourceName !== filters.source)
    return false;
  if (filters.type && event.type !== filters.type) return false;
  if (filters.event.trim() && event.eventName !== filters.event.trim()) return false;
  if (filters.verdict !== 'all' && event.good !== (filters.verdict === 'good')) return false;
  return true;
}

export function createDebuggerStore(deps: DebuggerDeps): DebuggerStore {
  let query = 0;
  let pending: ReceivedEventSummary[] = [];
  let frameQueued = false;
  let searchTimer: ReturnType<typeof setTimeout> | null = null;

  return create<DebuggerState>((set, get) => {
    const flush = () => {
      frameQueued = false;
      const batch = pending.reverse();
      pending = [];
      if (batch.length === 0) return;
      const state = get();
      if (state.paused) set({ held: [...batch, ...state.held].slice(0, MAX_ROWS) });
      else set({ items: [...batch, ...state.items].slice(0, MAX_ROWS), total: state.total + batch.length });
    };
    const receive = (event: ReceivedEventSummary) => {
      const { filters } = get();
      if (!matches(event, filters)) return;
      if (filters.search.trim()) {
        // Only the store can search payloads: ask it again once the burst settles.
        if (searchTimer) clearTimeout(searchTimer);
        searchTimer = setTimeout(() => get().load(), 300);
        return;
      }
      pending.push(event);
      if (!frameQueued) {
        frameQueued = true;
        deps.nextFrame(flush);
      }
    };
    return {
      status: null,
      sources: [],
      filters: DEFAULT_FILTERS,
      items: [],
      total: 0,
      loading: false,
      error: null,
      paused: false,
      held: [],
      opened: null,
      tab: 'pretty',
      start() {
        void deps.status().then((r) => r.ok && set({ status: r.value }));
        get().load();
        return deps.subscribe(receive);
      },
      load() {
        const mine = ++query;
        set({ loading: true });
        void deps.sources().then((r) => r.ok && set({ sources: r.value.sources }));
        void deps.list(toQuery(get().filters)).then((r) => {
          if (mine !== query) return;
          if (r.ok)
            set({ items: r.value.items, total: r.value.total, held: [], loading: false, error: null });
          else set({ loading: false, error: r.error.message });
        });
      },
      setFilter(key, value) {
        set({ filters: { ...get().filters, [key]: value } });
        get().load();
      },
      togglePause() {
        const { paused, held, items, total } = get();
        if (paused)
          set({
            paused: false,
            held: [],
            items: [...held, ...items].slice(0, MAX_ROWS),
            total: total + held.length,
          });
        else set({ paused: true });
      },
      open(id) {
        set({ opened: { id, status: 'loading', event: null, error: null } });
        void deps.get(id).then((r) => {
          if (get().opened?.id !== id) return;
          set({
            opened: r.ok
              ? { id, status: 'ready', event: r.value, error: null }
              : { id, status: 'error', event: null, error: r.error.message },
          });
        });
      },
      setTab: (tab) => set({ tab }),
      sourceChanged(source) {
        const { sources, items } = get();
        const rename = (e: ReceivedEventSummary) =>
          e.writeKey === source.writeKey && e.sourceName !== source.name
            ? { ...e, sourceName: source.name }
            : e;
        set({
          sources: sources.some((s) => s.writeKey === source.writeKey)
            ? sources.map((s) => (s.writeKey === source.writeKey ? source : s))
            : [...sources, source],
          items: items.map(rename),
        });
        const opened = get().opened;
        if (opened?.event && opened.event.writeKey === source.writeKey)
          set({ opened: { ...opened, event: { ...opened.event, sourceName: source.name } } });
      },
    };
  });
}
