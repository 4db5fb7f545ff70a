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
 * The Source Debugger's state: the events matching the filters, newest first (the newest page
 * fetched once per filter change, grown at the top by pushes and at the bottom by older pages as the
 * user asks for them), pause/resume, and the opened event. Pushes arrive at up to a few hundred a
 * second, so they are batched into one state update per animation frame.
 *
 * Older pages are keyset pages (`beforeId` = the last row's id), so events arriving meanwhile never
 * shift them. The list holds at most MAX_ROWS: pushes past it let the oldest rows go (still in the
 * store, so "Load older" fetches them again); older pages past it let the newest rows go, and the
 * list says so and offers the way back to the newest.
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
/** Events per fetch: the newest page and each older one. */
export const PAGE_SIZE = 1000;
/** Rows kept in memory (about 1 KB each); the store holds the rest. */
export const MAX_ROWS = 20_000;

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
  /** Events in the store matching the filters (counted at load, then grown by pushes). */
  total: number;
  /** Older matches remain in the store below the last row. */
  hasMore: boolean;
  /** Counts fresh lists (a filter change, "Back to newest"): the list scrolls back to the top. */
  generation: number;
  /** An older page is on its way. */
  loadingOlder: boolean;
  /** Newer rows let go to make room for older ones (0: none); pushes are held meanwhile. */
  newerDropped: number;
  loading: boolean;
  error: string | null;
  paused: boolean;
  /** Events that arrived while paused, shown on resume. */
  held: ReceivedEventSummary[];
  opened: OpenedEvent | null;
  tab: 'pretty' | 'raw';
  start(): () => void;
  load(): void;
  /** Fetches the next older page with the same filters (does nothing while one is on its way). */
  loadOlder(): void;
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
    limit: PAGE_SIZE,
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
  let olderQuery = 0;

  return create<DebuggerState>((set, get) => {
    const flush = () => {
      frameQueued = false;
      const batch = pending.reverse();
      pending = [];
      if (batch.length === 0) return;
      show(batch);
    };
    /** Newer events, newest first, go on top, or are held while paused or away from the newest. */
    const show = (newer: ReceivedEventSummary[]) => {
      const state = get();
      if (state.paused || state.newerDropped > 0) set({ held: [...newer, ...state.held].slice(0, MAX_ROWS) });
      else set({ ...prepend(newer, state.items), total: state.total + newer.length });
    };
    /** Asks the store for what matched the keyword search since the newest row we have. */
    const newestId = () => get().held[0]?.id ?? get().items[0]?.id;
    const catchUp = () => {
      const newest = newestId();
      if (newest === undefined) return get().load();
      const mine = query;
      void deps.list({ ...toQuery(get().filters), afterId: newest }).then((r) => {
        if (mine !== query || !r.ok) return;
        // More than a page arrived: a gap would hide events, so start again from the newest.
        if (r.value.hasMore) return get().load();
        // An earlier catch-up may have answered meanwhile: keep only what is still newer.
        const since = newestId() ?? 0;
        const newer = r.value.items.filter((e) => e.id > since);
        if (newer.length > 0) show(newer);
      });
    };
    const receive = (event: ReceivedEventSummary) => {
      const { filters } = get();
      if (!matches(event, filters)) return;
      if (filters.search.trim()) {
        // Only the store can search payloads: ask it again once the burst settles.
        if (searchTimer) clearTimeout(searchTimer);
        searchTimer = setTimeout(catchUp, 300);
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
      hasMore: false,
      generation: 0,
      loadingOlder: false,
      newerDropped: 0,
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
        set({ loading: true, loadingOlder: false });
        void deps.sources().then((r) => r.ok && set({ sources: r.value.sources }));
        void deps.list(toQuery(get().filters)).then((r) => {
          if (mine !== query) return;
          if (r.ok)
            set({
              items: r.value.items,
              total: r.value.total,
              hasMore: r.value.hasMore,
              generation: get().generation + 1,
              newerDropped: 0,
              held: [],
              loading: false,
              error: null,
            });
          else set({ loading: false, error: r.error.message });
        });
      },
      loadOlder() {
        const { items, hasMore, loadingOlder, loading, filters } = get();
        const oldest = items.at(-1);
        if (!hasMore || loadingOlder || loading || !oldest) return;
        const mine = query;
        const token = ++olderQuery;
        set({ loadingOlder: true });
        void deps.list({ ...toQuery(filters), beforeId: oldest.id }).then((r) => {
          if (mine !== query || token !== olderQuery) return;
          if (!r.ok) return set({ loadingOlder: false, error: r.error.message });
          const { items: rows, newerDropped } = get();
          set({
            ...append(rows, r.value.items, newerDropped),
            hasMore: r.value.hasMore,
            loadingOlder: false,
          });
        });
      },
      setFilter(key, value) {
        set({ filters: { ...get().filters, [key]: value } });
        get().load();
      },
      togglePause() {
        const { paused, held, items, total, newerDropped } = get();
        if (paused && newerDropped > 0) set({ paused: false });
        else if (paused)
          set({ paused: false, held: [], ...prepend(held, items), total: total + held.length });
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

/** Newer rows on top; past MAX_ROWS the oldest go (the store keeps them: older pages reach them). */
function prepend(
  newer: ReceivedEventSummary[],
  items: ReceivedEventSummary[],
): { items: ReceivedEventSummary[]; hasMore?: true } {
  const all = [...newer, ...items];
  return all.length > MAX_ROWS ? { items: all.slice(0, MAX_ROWS), hasMore: true } : { items: all };
}

/** An older page below; past MAX_ROWS the newest go, and the list says so. */
function append(
  items: ReceivedEventSummary[],
  older: ReceivedEventSummary[],
  dropped: number,
): { items: ReceivedEventSummary[]; newerDropped: number } {
  const all = [...items, ...older];
  const over = Math.max(0, all.length - MAX_ROWS);
  return { items: over > 0 ? all.slice(over) : all, newerDropped: dropped + over };
}
