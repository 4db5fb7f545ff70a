import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DeliveryRecord, DeliverySummary, HistoryPage, HistoryQuery } from '../../../../shared/history';
import type { IpcResult } from '../../../../shared/ipc/contract';
import type { DeliverySource, Outcome } from '../../../../shared/interaction';
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

/**
 * What the store needs from outside: the two channels, the viewer to show a record in, a clock, the
 * app's polite live region, and how long typing in the search waits before it asks again.
 */
export interface HistoryDeps {
  list(query: HistoryQuery): Promise<IpcResult<HistoryPage>>;
  get(id: string): Promise<IpcResult<DeliveryRecord>>;
  show(record: DeliveryRecord | null): void;
  now(): number;
  announce(message: string): void;
  searchDelayMs?: number;
}

/** The longest event-name search the contract takes. */
export const MAX_SEARCH = 200;
const SEARCH_DELAY_MS = 250;

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
  /** The selected delivery while a refresh answers: the selection follows it to its new row. */
  reselect: string | null;
  opened: OpenedDelivery | null;
  /** The search box as typed; `filters.eventContains` takes it once typing pauses. */
  searchText: string;
  /**
   * Deliveries above the top row that the list does not show: recorded by another process (the CLI,
   * a suite run elsewhere, the collector) since the query. Shown as a bar, not slipped in under the
   * user's eyes, unless the list is scrolled to the top.
   */
  newer: number;
  /** Whether the list is scrolled to its top (the list reports it). */
  atTop: boolean;

  ensureRange(start: number, end: number): void;
  refresh(): void;
  setPeriod(period: Period): void;
  toggleOutcome(outcome: Outcome): void;
  toggleSource(source: DeliverySource): void;
  setSearchText(text: string): void;
  clearFilters(): void;
  /** Asks the store whether deliveries newer than the top row were recorded since (a tiny query). */
  checkNewer(): Promise<void>;
  /** Shows the deliveries the bar counts: the list again from the top, the selection kept. */
  showNewer(): void;
  setAtTop(atTop: boolean): void;
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

function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/**
 * The newest start time among the rows the list holds at its top, and how many of those rows
 * started at that very millisecond (the store's `since` includes them, so they are not newer).
 * Null when the list is empty; undefined when its first page is not in memory (nothing to compare).
 */
export function newestShown(
  state: Pick<HistoryState, 'head' | 'pages' | 'total'>,
): { at: number; rows: number } | null | undefined {
  const first = state.pages.get(0);
  if (state.total > 0 && !first) return undefined;
  const ids = new Set<string>();
  let at = Number.NEGATIVE_INFINITY;
  for (const row of [...state.head, ...(first ?? [])]) {
    const started = Date.parse(row.startedAt);
    if (started > at) {
      at = started;
      ids.clear();
    }
    if (started === at) ids.add(row.id);
  }
  return ids.size === 0 ? null : { at, rows: ids.size };
}

/** Pushed rows the server's offsets count: none while a new query has not answered yet. */
function headOffset(state: Pick<HistoryState, 'head' | 'query' | 'pagesQuery'>): number {
  return state.pagesQuery === state.query ? state.head.length : 0;
}

export function createHistoryStore(deps: HistoryDeps): HistoryStore {
  let searchTimer: ReturnType<typeof setTimeout> | null = null;
  return create<HistoryState>()((set, get) => {
    /** Where a refreshed page puts the delivery that was selected, if it holds it. */
    function followSelection(page: number, items: DeliverySummary[]): Partial<HistoryState> {
      const { reselect } = get();
      if (reselect === null) return {};
      const at = items.findIndex((d) => d.id === reselect);
      return at < 0 ? {} : { selected: page * PAGE_SIZE + at, reselect: null };
    }

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
        // Until a page holds the selected delivery, no row is selected rather than the wrong one.
        ...(fresh && now.reselect !== null ? { selected: null } : {}),
        ...followSelection(page, answer.value.items),
      });
    }

    /** Starts a new query; `keep` shows the old rows until it answers (a refresh, not a new filter). */
    function requery(filters: HistoryFilters, keep: boolean): void {
      const s = get();
      const rows = s.range.end - s.range.start;
      const range = keep ? s.range : { start: 0, end: Math.max(rows, 0) };
      const selectedId = keep && s.selected !== null ? (rowAt(s, s.selected)?.id ?? null) : null;
      set({
        filters,
        query: s.query + 1,
        since: sinceFor(filters.period, deps.now()),
        status: keep && s.status === 'ready' ? 'ready' : 'loading',
        error: null,
        pending: new Set(),
        range,
        reselect: selectedId,
        newer: 0,
        ...(keep ? {} : { head: [], pages: new Map(), total: 0, selected: null }),
      });
      const pages = pagesFor(range, 0);
      for (const page of pages.length > 0 ? pages : [0]) void fetchPage(page);
    }

    async function checkNewer(): Promise<void> {
      const s = get();
      // Nothing to compare with while a query is unanswered or failed.
      if (s.status !== 'ready' || s.pagesQuery !== s.query) return;
      const newest = newestShown(s);
      if (newest === undefined) return;
      const since = newest === null ? s.since : new Date(newest.at).toISOString();
      const { query, epoch } = s;
      const answer = await deps.list(buildQuery(s.filters, since, 0, 1));
      const now = get();
      // A push or a new query since: the count may hold rows the list now shows; the next check asks again.
      if (!answer.ok || now.query !== query || now.epoch !== epoch) return;
      const newer = Math.max(0, answer.value.total - (newest?.rows ?? 0));
      if (newer > 0 && now.atTop) {
        // Nothing is under the user's eyes but the top: let them in, as a push would be.
        requery(now.filters, true);
        return;
      }
      if (newer > 0 && now.newer === 0) {
        deps.announce(
          `${newer} newer ${newer === 1 ? 'delivery' : 'deliveries'} recorded; Show is above the list.`,
        );
      }
      if (newer !== now.newer) set({ newer });
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
      reselect: null,
      opened: null,
      searchText: '',
      newer: 0,
      atTop: true,

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
        const { filters } = get();
        requery({ ...filters, outcomes: toggled(filters.outcomes, outcome) }, false);
      },
      toggleSource(source) {
        const { filters } = get();
        requery({ ...filters, sources: toggled(filters.sources, source) }, false);
      },
      setSearchText(text) {
        const searchText = text.slice(0, MAX_SEARCH);
        set({ searchText });
        if (searchTimer !== null) clearTimeout(searchTimer);
        // Typing pauses before the list asks again, so each keystroke does not flash an empty list.
        searchTimer = setTimeout(() => {
          searchTimer = null;
          const { filters } = get();
          const eventContains = searchText.trim();
          if (eventContains !== filters.eventContains) requery({ ...filters, eventContains }, false);
        }, deps.searchDelayMs ?? SEARCH_DELAY_MS);
      },
      clearFilters() {
        if (searchTimer !== null) clearTimeout(searchTimer);
        searchTimer = null;
        set({ searchText: '' });
        requery(DEFAULT_FILTERS, false);
      },
      checkNewer,
      showNewer() {
        requery(get().filters, true);
      },
      setAtTop(atTop) {
        if (atTop !== get().atTop) set({ atTop });
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
        // The bar's count may have held this one: count again now the list shows it.
        if (s.newer > 0) void checkNewer();
      },
      select(index) {
        const count = selectCount(get());
        set({
          selected: index === null || count === 0 ? null : Math.max(0, Math.min(index, count - 1)),
          reselect: null,
        });
      },
      move(key, pageRows) {
        const s = get();
        const selected = moveSelection(s.selected, key, selectCount(s), pageRows);
        set({ selected, reselect: null });
        return selected;
      },
      open(index) {
        const row = rowAt(get(), index);
        set({ selected: index, reselect: null });
        if (row) void load(row.id);
      },
      retryOpen() {
        const { opened } = get();
        if (opened) void load(opened.id);
      },
    };
  });
}
