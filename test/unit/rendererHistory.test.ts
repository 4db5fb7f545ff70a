import { describe, expect, it } from 'vitest';
import type { DeliveryRecord, DeliverySummary, HistoryPage, HistoryQuery } from '../../shared/history';
import type { IpcResult } from '../../shared/ipc/contract';
import type { Outcome } from '../../shared/interaction';
import {
  buildQuery,
  DEFAULT_FILTERS,
  describeCall,
  isFiltered,
  formatDuration,
  matchesFilters,
  moveSelection,
  PAGE_SIZE,
  sinceFor,
} from '../../renderer/src/features/history/historyQuery';
import {
  createHistoryStore,
  newestShown,
  rowAt,
  selectCount,
  type HistoryStore,
} from '../../renderer/src/features/history/historyStore';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const OUTCOMES: Outcome[] = ['delivered', 'rejected', 'failed'];

/** Delivery n started n seconds before NOW; the server lists newest first. */
function summary(n: number, extra: Partial<DeliverySummary> = {}): DeliverySummary {
  const at = new Date(NOW - n * 1000).toISOString();
  return {
    id: `d-${n}`,
    startedAt: at,
    finishedAt: at,
    source: 'app',
    targetId: 'sandbox',
    callType: 'track',
    eventName: 'Webinar Registered',
    messageId: null,
    outcome: OUTCOMES[n % OUTCOMES.length] as Outcome,
    code: null,
    reason: null,
    calls: 3,
    durationMs: 40,
    ...extra,
  };
}

/** A stand-in for `history:list`/`history:get` over an array, answering when told to (or at once). */
function fakeServer(count: number) {
  const rows = Array.from({ length: count }, (_, i) => summary(i + 1));
  const calls: HistoryQuery[] = [];
  const waiting: (() => void)[] = [];
  let hold = false;
  const shown: (DeliveryRecord | null)[] = [];
  const announced: string[] = [];
  const answer = (query: HistoryQuery): IpcResult<HistoryPage> => {
    const matching = rows.filter(
      (r) =>
        (!query.outcomes || query.outcomes.includes(r.outcome)) &&
        (!query.sources || query.sources.includes(r.source)) &&
        (!query.eventContains ||
          (r.eventName ?? '').toLowerCase().includes(query.eventContains.toLowerCase())) &&
        (!query.since || Date.parse(r.startedAt) >= Date.parse(query.since)),
    );
    const offset = query.offset ?? 0;
    return {
      ok: true,
      value: { items: matching.slice(offset, offset + (query.limit ?? 100)), total: matching.length, offset },
    };
  };
  const deps = {
    list(query: HistoryQuery) {
      calls.push(query);
      if (!hold) return Promise.resolve(answer(query));
      return new Promise<IpcResult<HistoryPage>>((done) => waiting.push(() => done(answer(query))));
    },
    get: async (id: string): Promise<IpcResult<DeliveryRecord>> => {
      const row = rows.find((r) => r.id === id);
      if (!row) return { ok: false, error: { code: 'not-found', message: `No delivery ${id}` } };
      return {
        ok: true,
        value: {
          ...row,
          reason: undefined,
          code: undefined,
          dryRun: false,
          plan: [],
          interactions: [],
          warnings: [],
          event: { type: 'track', event: row.eventName },
        },
      };
    },
    show: (record: DeliveryRecord | null) => shown.push(record),
    now: () => NOW,
    announce: (message: string) => announced.push(message),
    searchDelayMs: 0,
  };
  return {
    rows,
    calls,
    shown,
    announced,
    deps,
    hold(on: boolean) {
      hold = on;
    },
    release: () => waiting.splice(0).forEach((go) => go()),
  };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

async function loaded(server: ReturnType<typeof fakeServer>, start = 0, end = 20): Promise<HistoryStore> {
  const store = createHistoryStore(server.deps);
  store.getState().ensureRange(start, end);
  store.getState().refresh();
  await settle();
  return store;
}

describe('history store: paging', () => {
  it('fetches the page on screen, sets the scroll height from the total, and caches pages', async () => {
    const server = fakeServer(1000);
    const store = await loaded(server);
    expect(store.getState().status).toBe('ready');
    expect(selectCount(store.getState())).toBe(1000);
    expect(server.calls).toEqual([{ offset: 0, limit: PAGE_SIZE }]);
    expect(rowAt(store.getState(), 0)?.id).toBe('d-1');
    expect(rowAt(store.getState(), 150)).toBeNull();

    store.getState().ensureRange(140, 220);
    await settle();
    expect(server.calls.slice(1).map((q) => q.offset)).toEqual([100, 200]);
    expect(rowAt(store.getState(), 150)?.id).toBe('d-151');
    // Scrolling back over cached pages asks for nothing.
    store.getState().ensureRange(0, 20);
    store.getState().ensureRange(150, 170);
    await settle();
    expect(server.calls).toHaveLength(3);
  });

  it('asks for a page once while it is on its way', async () => {
    const server = fakeServer(300);
    const store = await loaded(server);
    server.hold(true);
    store.getState().ensureRange(100, 120);
    store.getState().ensureRange(101, 121);
    expect(server.calls).toHaveLength(2);
    server.release();
    await settle();
    expect(rowAt(store.getState(), 101)?.id).toBe('d-102');
  });

  it('keeps showing the old rows while a refresh is out, then swaps them at once', async () => {
    const server = fakeServer(50);
    const store = await loaded(server);
    server.rows.unshift(summary(0, { id: 'from-cli' }));
    server.hold(true);
    store.getState().refresh();
    expect(rowAt(store.getState(), 0)?.id).toBe('d-1');
    expect(store.getState().status).toBe('ready');
    server.release();
    await settle();
    expect(rowAt(store.getState(), 0)?.id).toBe('from-cli');
    expect(selectCount(store.getState())).toBe(51);
  });

  it('drops the answer of a superseded query', async () => {
    const server = fakeServer(50);
    const store = await loaded(server);
    server.hold(true);
    store.getState().refresh();
    store.getState().toggleOutcome('failed');
    server.release();
    await settle();
    const state = store.getState();
    expect(state.filters.outcomes).toEqual(['failed']);
    expect(selectCount(state)).toBe(server.rows.filter((r) => r.outcome === 'failed').length);
    expect(rowAt(state, 0)?.outcome).toBe('failed');
  });

  it('reports a failed query with its message, and recovers on retry', async () => {
    const server = fakeServer(10);
    const list = server.deps.list;
    server.deps.list = async () => ({
      ok: false,
      error: { code: 'internal', message: 'database is locked' },
    });
    const store = await loaded(server);
    expect(store.getState()).toMatchObject({ status: 'error', error: 'database is locked' });
    server.deps.list = list;
    store.getState().refresh();
    await settle();
    expect(store.getState()).toMatchObject({ status: 'ready', error: null });
    expect(selectCount(store.getState())).toBe(10);
  });
});

describe('history store: filters', () => {
  it('re-queries with the outcomes and the period, from the top, selection cleared', async () => {
    const server = fakeServer(3000);
    const store = await loaded(server);
    store.getState().select(5);
    store.getState().toggleOutcome('rejected');
    store.getState().toggleOutcome('failed');
    store.getState().setPeriod('10m');
    await settle();
    const last = server.calls.at(-1);
    expect(last).toMatchObject({ offset: 0, outcomes: ['rejected', 'failed'] });
    expect(last?.since).toBe(new Date(NOW - 10 * 60_000).toISOString());
    const state = store.getState();
    expect(state.selected).toBeNull();
    // 600 s in the window, two outcomes out of three.
    expect(selectCount(state)).toBe(400);
    store.getState().toggleOutcome('rejected');
    await settle();
    expect(store.getState().filters.outcomes).toEqual(['failed']);
    store.getState().clearFilters();
    await settle();
    expect(selectCount(store.getState())).toBe(3000);
  });

  it('builds queries and matches pushed rows the same way', () => {
    expect(sinceFor('all', NOW)).toBeUndefined();
    expect(sinceFor('1h', NOW)).toBe('2026-03-01T11:00:00.000Z');
    expect(buildQuery(DEFAULT_FILTERS, undefined, 200)).toEqual({
      offset: 200,
      limit: PAGE_SIZE,
    });
    const since = sinceFor('10m', NOW);
    const tenMinutes = { ...DEFAULT_FILTERS, period: '10m' } as const;
    expect(matchesFilters(summary(5), tenMinutes, since)).toBe(true);
    expect(matchesFilters(summary(5000), tenMinutes, since)).toBe(false);
    const failed = { ...DEFAULT_FILTERS, outcomes: ['failed' as const] };
    expect(matchesFilters(summary(2), failed, undefined)).toBe(true);
    expect(matchesFilters(summary(1), failed, undefined)).toBe(false);
    const cli = { ...DEFAULT_FILTERS, sources: ['cli' as const, 'suite' as const] };
    expect(buildQuery(cli, undefined, 0)).toEqual({ offset: 0, limit: PAGE_SIZE, sources: ['cli', 'suite'] });
    expect(matchesFilters(summary(1, { source: 'cli' }), cli, undefined)).toBe(true);
    expect(matchesFilters(summary(1, { source: 'app' }), cli, undefined)).toBe(false);
  });

  it('matches the event-name search as the store does: any ASCII case, no name never', () => {
    const webinar = { ...DEFAULT_FILTERS, eventContains: 'WEBINAR reg' };
    expect(buildQuery(webinar, undefined, 0)).toEqual({
      offset: 0,
      limit: PAGE_SIZE,
      eventContains: 'WEBINAR reg',
    });
    expect(matchesFilters(summary(1), webinar, undefined)).toBe(true);
    expect(matchesFilters(summary(1, { eventName: 'Webinar Left' }), webinar, undefined)).toBe(false);
    expect(matchesFilters(summary(1, { eventName: null }), webinar, undefined)).toBe(false);
    // SQLite's lower() folds ASCII only; so does the check of a pushed row.
    const accented = { ...DEFAULT_FILTERS, eventContains: 'é' };
    expect(matchesFilters(summary(1, { eventName: 'Café' }), accented, undefined)).toBe(true);
    expect(matchesFilters(summary(1, { eventName: 'CAFÉ' }), accented, undefined)).toBe(false);
    expect(isFiltered(DEFAULT_FILTERS)).toBe(false);
    expect(isFiltered(webinar)).toBe(true);
    expect(isFiltered({ ...DEFAULT_FILTERS, sources: ['app'] })).toBe(true);
  });

  it('re-queries by source, and by the search once typing pauses, with one query for the last text', async () => {
    const server = fakeServer(60);
    server.rows.forEach((row, i) => {
      row.source = i % 3 === 0 ? 'cli' : 'app';
      row.eventName = i % 2 === 0 ? 'Webinar Registered' : 'Form Filled';
    });
    const store = await loaded(server);
    store.getState().toggleSource('cli');
    await settle();
    expect(server.calls.at(-1)).toMatchObject({ offset: 0, sources: ['cli'] });
    expect(selectCount(store.getState())).toBe(20);
    expect(rowAt(store.getState(), 0)?.source).toBe('cli');

    const asked = server.calls.length;
    store.getState().setSearchText('form');
    store.getState().setSearchText('  form f ');
    expect(store.getState().searchText).toBe('  form f ');
    await settle();
    await settle();
    expect(server.calls.slice(asked)).toEqual([
      { offset: 0, limit: PAGE_SIZE, sources: ['cli'], eventContains: 'form f' },
    ]);
    // Rows 1, 7, 13, ... of the 60: cli and Form Filled.
    expect(selectCount(store.getState())).toBe(10);

    store.getState().clearFilters();
    await settle();
    expect(store.getState().searchText).toBe('');
    expect(store.getState().filters).toEqual(DEFAULT_FILTERS);
    expect(selectCount(store.getState())).toBe(60);
  });
});

describe('history store: pushed deliveries', () => {
  it('puts a new delivery at the top at once, and later pages at the shifted offset', async () => {
    const server = fakeServer(500);
    const store = await loaded(server);
    store.getState().select(3);
    const fresh = summary(0, { id: 'new-1', outcome: 'delivered' });
    server.rows.unshift(fresh);
    store.getState().receive(fresh);
    const state = store.getState();
    expect(rowAt(state, 0)?.id).toBe('new-1');
    expect(rowAt(state, 1)?.id).toBe('d-1');
    expect(selectCount(state)).toBe(501);
    // The selection stays on the same delivery.
    expect(state.selected).toBe(4);
    expect(rowAt(state, 4)?.id).toBe('d-4');

    store.getState().ensureRange(100, 120);
    await settle();
    expect(server.calls.at(-1)?.offset).toBe(101);
    expect(rowAt(store.getState(), 101)?.id).toBe('d-101');
    expect(rowAt(store.getState(), 100)?.id).toBe('d-100');
  });

  it('ignores a push the list already holds, or that the filters exclude', async () => {
    const server = fakeServer(20);
    const store = await loaded(server);
    store.getState().receive(server.rows[0] as DeliverySummary);
    expect(selectCount(store.getState())).toBe(20);
    store.getState().toggleOutcome('failed');
    await settle();
    const before = selectCount(store.getState());
    store.getState().receive(summary(0, { id: 'ok', outcome: 'delivered' }));
    expect(selectCount(store.getState())).toBe(before);
  });

  it('re-asks for a page that was on its way when a push shifted the offsets', async () => {
    const server = fakeServer(300);
    const store = await loaded(server);
    server.hold(true);
    store.getState().ensureRange(100, 110);
    const fresh = summary(0, { id: 'new-2' });
    server.rows.unshift(fresh);
    store.getState().receive(fresh);
    server.release();
    await settle();
    server.release();
    await settle();
    expect(server.calls.at(-1)?.offset).toBe(101);
    expect(rowAt(store.getState(), 101)?.id).toBe('d-101');
  });
});

describe('history store: selection and opening', () => {
  it('moves with the keys and stays within the list', () => {
    expect(moveSelection(null, 'ArrowDown', 10, 5)).toBe(0);
    expect(moveSelection(null, 'End', 10, 5)).toBe(9);
    expect(moveSelection(0, 'ArrowUp', 10, 5)).toBe(0);
    expect(moveSelection(3, 'ArrowDown', 10, 5)).toBe(4);
    expect(moveSelection(3, 'PageDown', 10, 5)).toBe(7);
    expect(moveSelection(8, 'PageDown', 10, 5)).toBe(9);
    expect(moveSelection(2, 'PageUp', 10, 5)).toBe(0);
    expect(moveSelection(5, 'Home', 10, 5)).toBe(0);
    expect(moveSelection(5, 'ArrowDown', 0, 5)).toBeNull();
  });

  it('opens the selected row in the viewer, and says why when it cannot', async () => {
    const server = fakeServer(30);
    const store = await loaded(server);
    expect(store.getState().move('ArrowDown', 10)).toBe(0);
    expect(store.getState().move('ArrowDown', 10)).toBe(1);
    store.getState().open(1);
    expect(store.getState().opened).toMatchObject({ id: 'd-2', status: 'loading' });
    await settle();
    expect(store.getState().opened).toMatchObject({ id: 'd-2', status: 'ready' });
    expect(server.shown.at(-1)?.id).toBe('d-2');

    server.rows.splice(2, 1); // d-3 pruned since the list was read
    store.getState().open(2);
    await settle();
    expect(store.getState().opened).toMatchObject({ id: 'd-3', status: 'error', error: 'No delivery d-3' });
    expect(server.shown.at(-1)).toBeNull();
  });

  it('formats what a row shows', () => {
    expect(describeCall({ callType: 'track', eventName: 'Signed Up' })).toBe('track · Signed Up');
    expect(describeCall({ callType: 'identify', eventName: null })).toBe('identify');
    expect(describeCall({ callType: null, eventName: null })).toBe('—');
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(1500)).toBe('1.50 s');
  });
});

/** A delivery another process recorded: in the database, never pushed to this window. */
function recordedElsewhere(
  server: ReturnType<typeof fakeServer>,
  n: number,
  extra: Partial<DeliverySummary> = {},
) {
  const row = summary(-n, { id: `other-${n}`, source: 'cli', ...extra });
  server.rows.unshift(row);
  return row;
}

describe('history store: deliveries recorded by other processes', () => {
  it('counts the newer ones with a one-row query, says so once, and shows them with the selection kept', async () => {
    const server = fakeServer(300);
    const store = await loaded(server);
    store.getState().setAtTop(false);
    store.getState().select(2);

    await store.getState().checkNewer();
    expect(server.calls.at(-1)).toEqual({ offset: 0, limit: 1, since: server.rows[0]!.startedAt });
    expect(store.getState().newer).toBe(0);

    recordedElsewhere(server, 1);
    recordedElsewhere(server, 2);
    await store.getState().checkNewer();
    expect(store.getState().newer).toBe(2);
    // Nothing slipped in under the user's eyes.
    expect(rowAt(store.getState(), 0)?.id).toBe('d-1');
    expect(store.getState().selected).toBe(2);
    recordedElsewhere(server, 3);
    await store.getState().checkNewer();
    expect(store.getState().newer).toBe(3);
    expect(server.announced).toEqual(['2 newer deliveries recorded; Show is above the list.']);

    store.getState().showNewer();
    await settle();
    const state = store.getState();
    expect(state.newer).toBe(0);
    expect(rowAt(state, 0)?.id).toBe('other-3');
    expect(selectCount(state)).toBe(303);
    expect(state.selected).toBe(5);
    expect(rowAt(state, 5)?.id).toBe('d-3');
  });

  it('lets them in at once when the list is at its top', async () => {
    const server = fakeServer(10);
    const store = await loaded(server);
    recordedElsewhere(server, 1);
    await store.getState().checkNewer();
    await settle();
    expect(store.getState().newer).toBe(0);
    expect(rowAt(store.getState(), 0)?.id).toBe('other-1');
    expect(server.announced).toEqual([]);
  });

  it('counts only what the filters show, and not a row that started in the same millisecond as the top', async () => {
    const server = fakeServer(50);
    const store = await loaded(server);
    store.getState().toggleSource('app');
    await settle();
    store.getState().setAtTop(false);
    recordedElsewhere(server, 1, { source: 'cli' });
    // Same start as the top row: the since bound takes it in, the count must not.
    server.rows.splice(1, 0, summary(1, { id: 'same-ms' }));
    await store.getState().checkNewer();
    expect(server.calls.at(-1)).toMatchObject({ limit: 1, sources: ['app'] });
    expect(store.getState().newer).toBe(1);
  });

  it('drops a count asked before a push, and counts again after one', async () => {
    const server = fakeServer(20);
    const store = await loaded(server);
    store.getState().setAtTop(false);
    const mine = recordedElsewhere(server, 1, { source: 'app' });
    server.hold(true);
    const asked = store.getState().checkNewer();
    store.getState().receive(mine);
    server.release();
    await asked;
    expect(store.getState().newer).toBe(0);
    server.hold(false);

    recordedElsewhere(server, 2);
    await store.getState().checkNewer();
    expect(store.getState().newer).toBe(1);
    // This window's own send of the row the bar counted: the list shows it, the bar counts again.
    const other = server.rows[0]!;
    store.getState().receive(other);
    await settle();
    expect(store.getState().newer).toBe(0);
  });

  it('asks nothing while a query is out, or when the first page is no longer in memory', async () => {
    const server = fakeServer(100);
    const store = await loaded(server);
    expect(newestShown(store.getState())).toEqual({ at: NOW - 1000, rows: 1 });
    expect(newestShown({ head: [], pages: new Map(), total: 0 })).toBeNull();
    expect(newestShown({ head: [], pages: new Map(), total: 5 })).toBeUndefined();
    server.hold(true);
    store.getState().refresh();
    const asked = server.calls.length;
    await store.getState().checkNewer();
    expect(server.calls.length).toBe(asked);
    server.release();
  });

  it('on an empty list, counts every delivery the period holds', async () => {
    const server = fakeServer(0);
    const store = await loaded(server);
    store.getState().setAtTop(false);
    recordedElsewhere(server, 1);
    await store.getState().checkNewer();
    expect(server.calls.at(-1)).toEqual({ offset: 0, limit: 1 });
    expect(store.getState().newer).toBe(1);
  });
});
