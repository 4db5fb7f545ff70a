import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DeliveryRecord, DeliverySummary, HistoryPage, HistoryQuery } from '../../../../shared/history';
import type { IpcResult } from '../../../../shared/ipc/contract';
import type { Outcome } from '../../../../shared/interaction';
import {
  buildQuery,
  DEFAULT_FILTERS,
  matchesFilters,
  moveSelection,
  PAGE_SIZE,
  sinceFor,
  type HistoryFilters,
  type MoveKey,
  type Period,
} from './historyQuery';

/** What the store needs from outside: the two channels, the viewer to show a record in, a clock. */
export interface HistoryDeps {
  list(query: HistoryQuery): Promise<IpcResult<HistoryPage>>;
  get(id: string): Promise<IpcResult<DeliveryRecord>>;
  show(record: DeliveryRecord | null): void;
  now(): number;
}

export interface OpenedDelivery {
  id: string;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  record: DeliveryRecord | null;
}

/** Pages kept in memory; far ones are dropped and fetched again if the user scrolls back. */
const MAX_CACHED_PAGES = 60;

/**
 * The list is the query's snapshot (fetched in pages by offset, newest first) under `head`, the
 * deliveries pushed since. A pushed delivery sits at the top of the server's order too, so snapshot
 * row j is server row j + head.length, and later pages are asked for at that offset.
 */
export interface HistoryState {
  filters: HistoryFilters;
  /** Bumped by every new query (filters, refresh); answers to an older one are dropped. */
  query: number;
  /** Bumped by every push: a page asked for before it was asked at a now-shifted offset. */
  epoch: number;
  since: string | undefined;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Rows in the snapshot (the server's total when last answered, less the pushed ones). */
  total: number;
  head: DeliverySummary[];
  pages: ReadonlyMap<number, DeliverySummary[]>;
  /** Which query the cached pages belong to: a refresh keeps showing the old ones until it answers. */
  pagesQuery: number;
  pending: ReadonlySet<number>;
  /** The rows the list shows, so a refresh reloads what is on screen. */
  range: { start: number; end: number };
  selected: number | null;
  opened: OpenedDelivery | null;

  ensureRange(start: number, end: number): void;
  refresh(): void;
  setPeriod(period: Period): void;
  toggleOutcome(outcome: Outcome): void;
  clearFilters(): void;
  receive(summary: DeliverySummary): void;
  select(index: number | null): void;
  move(key: MoveKey, pageRows: number): number | null;
  open(index: number): void;
  retryOpen(): void;
}

export type HistoryStore = UseBoundStore<StoreApi<HistoryState>>;

export function selectCount(state: Pick<HistoryState, 'head' | 'total'>): number {
  return state.head.length + state.total;
}

/** The row at a list index, or null while its page is not loaded. */
export function rowAt(state: Pick<HistoryState, 'head' | 'pages'>, index: number): DeliverySummary | null {
  if (index < state.head.length) return state.head[index] ?? null;
  const j = index - state.head.length;
  return state.pages.get(Math.floor(j / PAGE_SIZE))?.[j % PAGE_SIZE] ?? null;
}

function pagesFor(range: { start: number; end: number }, headLength: number): number[] {
  const from = Math.max(0, range.start - headLength);
  const to = range.end - headLength;
  if (to < 0 || to < from) return [];
  const pages: number[] = [];
  for (let p = Math.floor(from / PAGE_SIZE); p <= Math.floor(to / PAGE_SIZE); p++) pages.push(p);
  return pages;
}

function withPage(
  pages: ReadonlyMap<number, DeliverySummary[]>,
  page: number,
  items: DeliverySummary[],
): Map<number, DeliverySummary[]> {
  const next = new Map(pages);
  next.set(page, items);
  if (next.size > MAX_CACHED_PAGES) {
    const far = [...next.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const key of far.slice(0, next.size - MAX_CACHED_PAGES)) next.delete(key);
  }
  return next;
}

const without = (set: ReadonlySet<number>, page: number) => {
  const next = new Set(set);
  next.delete(page);
  return next;
};

/** Pushed rows the server's offsets count: none while a new query has not answered yet. */
function headOffset(state: Pick<HistoryState, 'head' | 'query' | 'pagesQuery'>): number {
  return state.pagesQuery === state.query ? state.head.length : 0;
}

export function createHistoryStore(deps: HistoryDeps): HistoryStore {
  return create<HistoryState>()((set, get) => {
    async function fetchPage(page: number): Promise<void> {
      const s = get();
      const { query, epoch } = s;
      set({ pending: new Set(s.pending).add(page) });
      const answer = await deps.list(buildQuery(s.filters, s.since, headOffset(s) + page * PAGE_SIZE));
      const now = get();
      if (now.query !== query) return;
      if (now.epoch !== epoch) {
        // Asked before a push shifted the offsets: ask again for whatever is on screen now.
        set({ pending: without(now.pending, page) });
        get().ensureRange(now.range.start, now.range.end);
        return;
      }
      if (!answer.ok) {
        set({ pending: without(now.pending, page), status: 'error', error: answer.error.message });
        return;
      }
      // The first answer of a query replaces what an earlier one showed, pushed rows included.
      const fresh = now.pagesQuery !== query;
      const head = fresh ? [] : now.head;
      set({
        pending: without(now.pending, page),
        pages: withPage(fresh ? new Map() : now.pages, page, answer.value.items),
        pagesQuery: query,
        head,
        total: Math.max(0, answer.value.total - head.length),
        status: 'ready',
        error: null,
      });
    }

    /** Starts a new query; `keep` shows the old rows until it answers (a refresh, not a new filter). */
    function requery(filters: HistoryFilters, keep: boolean): void {
      const s = get();
      const rows = s.range.end - s.range.start;
      const range = keep ? s.range : { start: 0, end: Math.max(rows, 0) };
      set({
        filters,
        query: s.query + 1,
        since: sinceFor(filters.period, deps.now()),
        status: keep && s.status === 'ready' ? 'ready' : 'loading',
        error: null,
        pending: new Set(),
        range,
        ...(keep ? {} : { head: [], pages: new Map(), total: 0, selected: null }),
      });
      const pages = pagesFor(range, 0);
      for (const page of pages.length > 0 ? pages : [0]) void fetchPage(page);
    }

    async function load(id: string): Promise<void> {
      set({ opened: { id, status: 'loading', error: null, record: null } });
      deps.show(null);
      const answer = await deps.get(id);
      if (get().opened?.id !== id) return;
      if (answer.ok) {
        set({ opened: { id, status: 'ready', error: null, record: answer.value } });
        deps.show(answer.value);
      } else {
        set({ opened: { id, status: 'error', error: answer.error.message, record: null } });
      }
    }

    return {
      filters: DEFAULT_FILTERS,
      query: 0,
      epoch: 0,
      since: undefined,
      status: 'idle',
      error: null,
      total: 0,
      head: [],
      pages: new Map(),
      pagesQuery: 0,
      pending: new Set(),
      range: { start: 0, end: 0 },
      selected: null,
      opened: null,

      ensureRange(start, end) {
        const s = get();
        set({ range: { start, end } });
        if (s.status === 'idle') return;
        for (const page of pagesFor({ start, end }, headOffset(s))) {
          const cached = s.pagesQuery === s.query && s.pages.has(page);
          if (!cached && !s.pending.has(page)) void fetchPage(page);
        }
      },
      refresh() {
        requery(get().filters, true);
      },
      setPeriod(period) {
        if (period !== get().filters.period) requery({ ...get().filters, period }, false);
      },
      toggleOutcome(outcome) {
        const { outcomes } = get().filters;
        const next = outcomes.includes(outcome)
          ? outcomes.filter((o) => o !== outcome)
          : [...outcomes, outcome];
        requery({ ...get().filters, outcomes: next }, false);
      },
      clearFilters() {
        requery(DEFAULT_FILTERS, false);
      },
      receive(summary) {
        const s = get();
        if (!matchesFilters(summary, s.filters, s.since)) return;
        // A query still unanswered may or may not include it: ask again rather than guess.
        if (s.status !== 'idle' && s.pagesQuery !== s.query) {
          requery(s.filters, true);
          return;
        }
        // The query may already hold it when the push raced the answer.
        if (s.head.some((d) => d.id === summary.id)) return;
        if (s.pagesQuery === s.query && s.pages.get(0)?.some((d) => d.id === summary.id)) return;
        set({
          head: [summary, ...s.head],
          epoch: s.epoch + 1,
          pending: new Set(),
          // The selection stays on the same delivery, one row further down.
          selected: s.selected === null ? null : s.selected + 1,
          status: s.status === 'loading' || s.status === 'idle' ? s.status : 'ready',
        });
      },
      select(index) {
        const count = selectCount(get());
        set({ selected: index === null || count === 0 ? null : Math.max(0, Math.min(index, count - 1)) });
      },
      move(key, pageRows) {
        const s = get();
        const selected = moveSelection(s.selected, key, selectCount(s), pageRows);
        set({ selected });
        return selected;
      },
      open(index) {
        const row = rowAt(get(), index);
        set({ selected: index });
        if (row) void load(row.id);
      },
      retryOpen() {
        const { opened } = get();
        if (opened) void load(opened.id);
      },
    };
  });
}
