import { describe, expect, it } from 'vitest';
import type {
  CollectorSource,
  ReceivedEvent,
  ReceivedEventQuery,
  ReceivedEventSummary,
} from '../../shared/collector';
import type { IpcResult } from '../../shared/ipc/contract';
import type { ProfileSummary } from '../../shared/profiles';
import {
  createDebuggerStore,
  DEFAULT_FILTERS,
  matches,
  MAX_ROWS,
  PAGE_SIZE,
  toQuery,
} from '../../renderer/src/features/debugger/debuggerStore';
import { createSourcesStore, forwardLabel } from '../../renderer/src/features/debugger/sourcesStore';

/** The Debugger's stores over stand-ins for the collector:* channels (the channels have their own tests). */

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

function summary(id: number, extra: Partial<ReceivedEventSummary> = {}): ReceivedEventSummary {
  return {
    id,
    arrivedAt: new Date(Date.UTC(2026, 2, 1, 12, 0, id)).toISOString(),
    writeKey: 'wk_a',
    sourceName: 'Site A',
    library: 'analytics.js',
    endpoint: '/v1/t',
    type: 'track',
    eventName: `Event ${id}`,
    userId: 'u1',
    anonymousId: null,
    good: true,
    problemCount: 0,
    bytes: 100,
    ...extra,
  };
}

function source(writeKey: string, extra: Partial<CollectorSource> = {}): CollectorSource {
  return {
    writeKey,
    name: `Source ${writeKey}`,
    createdAt: '2026-03-01T00:00:00.000Z',
    events: 1,
    lastSeenAt: null,
    forwardTargetId: null,
    ...extra,
  };
}

/** A fake collector: lists from an array, pushes by hand, frames run when told. */
function harness(stored: ReceivedEventSummary[] = []) {
  const queries: ReceivedEventQuery[] = [];
  const frames: (() => void)[] = [];
  let listener: ((event: ReceivedEventSummary) => void) | null = null;
  const store = createDebuggerStore({
    list: async (query) => {
      queries.push(query);
      const matching = stored.filter((e) => query.good === undefined || e.good === query.good).reverse();
      const page = matching.filter(
        (e) =>
          (query.beforeId === undefined || e.id < query.beforeId) &&
          (query.afterId === undefined || e.id > query.afterId),
      );
      const limit = query.limit ?? 100;
      return ok({
        items: page.slice(0, limit),
        total: matching.length,
        offset: 0,
        hasMore: page.length > limit,
      });
    },
    get: async (id) => {
      const found = stored.find((e) => e.id === id);
      return found
        ? ok<ReceivedEvent>({ ...found, problems: [], payload: { type: 'track', event: found.eventName } })
        : { ok: false, error: { code: 'not-found', message: `Event ${id} is no longer stored` } };
    },
    sources: async () => ok({ sources: [source('wk_a')] }),
    status: async () => ok({ url: 'http://127.0.0.1:4317', port: 4317, problem: null }),
    subscribe: (fn) => {
      listener = fn;
      return () => (listener = null);
    },
    nextFrame: (fn) => void frames.push(fn),
  });
  const push = (event: ReceivedEventSummary) => listener!(event);
  const runFrames = () => frames.splice(0).forEach((fn) => fn());
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { store, queries, push, runFrames, settle, unsubscribed: () => listener === null };
}

describe('debugger filters', () => {
  it('turns filters into a store query, leaving out what is not set', () => {
    expect(toQuery(DEFAULT_FILTERS)).toEqual({ limit: 1000 });
    expect(
      toQuery({ source: 'wk_a', type: 'page', event: ' Pricing ', verdict: 'bad', search: ' plan ' }),
    ).toEqual({ limit: 1000, source: 'wk_a', type: 'page', event: 'Pricing', good: false, search: 'plan' });
  });

  it('matches a pushed event by write key or source name, type, name and verdict', () => {
    const event = summary(1);
    expect(matches(event, DEFAULT_FILTERS)).toBe(true);
    expect(matches(event, { ...DEFAULT_FILTERS, source: 'Site A' })).toBe(true);
    expect(matches(event, { ...DEFAULT_FILTERS, source: 'wk_b' })).toBe(false);
    expect(matches(event, { ...DEFAULT_FILTERS, type: 'identify' })).toBe(false);
    expect(matches(event, { ...DEFAULT_FILTERS, event: 'Event 1' })).toBe(true);
    expect(matches(event, { ...DEFAULT_FILTERS, verdict: 'bad' })).toBe(false);
  });
});

describe('debugger store', () => {
  it('loads the newest first, then adds pushes in one update per frame, newest on top', async () => {
    const h = harness([summary(1), summary(2)]);
    const stop = h.store.getState().start();
    await h.settle();
    expect(h.store.getState().items.map((e) => e.id)).toEqual([2, 1]);
    expect(h.store.getState().status?.url).toBe('http://127.0.0.1:4317');

    h.push(summary(3));
    h.push(summary(4));
    expect(h.store.getState().items).toHaveLength(2); // nothing until the frame
    h.runFrames();
    expect(h.store.getState().items.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(h.store.getState().total).toBe(4);
    stop();
    expect(h.unsubscribed()).toBe(true);
  });

  it('holds pushes while paused and shows them on resume', async () => {
    const h = harness([summary(1)]);
    h.store.getState().start();
    await h.settle();
    h.store.getState().togglePause();
    h.push(summary(2));
    h.runFrames();
    expect(h.store.getState().items.map((e) => e.id)).toEqual([1]);
    expect(h.store.getState().held.map((e) => e.id)).toEqual([2]);
    h.store.getState().togglePause();
    expect(h.store.getState().items.map((e) => e.id)).toEqual([2, 1]);
    expect(h.store.getState().held).toEqual([]);
  });

  it('drops pushes the filters exclude and asks the store again when a keyword search is on', async () => {
    const h = harness([summary(1)]);
    h.store.getState().start();
    await h.settle();
    h.store.getState().setFilter('verdict', 'good');
    await h.settle();
    h.push(summary(2, { good: false }));
    h.runFrames();
    expect(h.store.getState().items.map((e) => e.id)).toEqual([1]);
    expect(h.queries.at(-1)).toEqual({ limit: 1000, good: true });

    // Only the store can search payloads: a push is not shown, the list is fetched again once quiet.
    h.store.getState().setFilter('search', 'plan');
    await h.settle();
    const asked = h.queries.length;
    h.push(summary(3));
    h.push(summary(4));
    h.runFrames();
    expect(h.store.getState().items.map((e) => e.id)).not.toContain(3);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(h.queries.length).toBe(asked + 1);
    // It asks only for what is newer than the newest row it has, so older pages already shown stay.
    expect(h.queries.at(-1)).toEqual({ limit: 1000, good: true, search: 'plan', afterId: 1 });
  });

  it('a keyword search catches up with what is newer than its newest row, each event once', async () => {
    const stored = [summary(1), summary(2)];
    const h = harness(stored);
    h.store.getState().start();
    await h.settle();
    h.store.getState().setFilter('search', 'Event');
    await h.settle();
    stored.push(summary(3), summary(4));
    h.push(summary(3));
    await new Promise((resolve) => setTimeout(resolve, 350));
    h.push(summary(4));
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(h.queries.filter((q) => q.afterId !== undefined).map((q) => q.afterId)).toEqual([2, 4]);
    expect(h.store.getState().items.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(h.store.getState().total).toBe(4);
  });

  it('keeps at most MAX_ROWS rows in memory', async () => {
    const h = harness();
    h.store.getState().start();
    await h.settle();
    for (let id = 1; id <= MAX_ROWS + 10; id++) h.push(summary(id));
    h.runFrames();
    expect(h.store.getState().items).toHaveLength(MAX_ROWS);
    expect(h.store.getState().items[0]!.id).toBe(MAX_ROWS + 10);
    expect(h.store.getState().total).toBe(MAX_ROWS + 10);
    // The oldest rows left the list, not the store: "Load older" reaches them again.
    expect(h.store.getState().hasMore).toBe(true);
  });

  it('pages older events in by keyset, with the same filters, to the end, while new ones arrive', async () => {
    const stored = Array.from({ length: 2 * PAGE_SIZE + 500 }, (_, i) =>
      summary(i + 1, { good: i % 2 === 0 }),
    );
    const h = harness(stored);
    h.store.getState().start();
    await h.settle();
    h.store.getState().setFilter('verdict', 'good');
    await h.settle();
    expect(h.store.getState()).toMatchObject({ total: 1250, hasMore: true });
    expect(h.store.getState().items).toHaveLength(PAGE_SIZE);

    // Events arrive at the top between pages: the next page starts below the last row regardless.
    const arrived = summary(5000, { good: true });
    stored.push(arrived);
    h.push(arrived);
    h.runFrames();
    h.store.getState().loadOlder();
    h.store.getState().loadOlder(); // a second ask while one is on its way is ignored
    await h.settle();
    const older = h.queries.filter((q) => q.beforeId !== undefined);
    expect(older).toEqual([{ limit: PAGE_SIZE, good: true, beforeId: 501 }]);

    const { items, hasMore, total } = h.store.getState();
    expect(hasMore).toBe(false);
    expect(total).toBe(1251);
    const ids = items.map((e) => e.id);
    const expected = [
      5000,
      ...stored
        .filter((e) => e.good && e.id < 5000)
        .map((e) => e.id)
        .reverse(),
    ];
    expect(ids).toEqual(expected); // every good event once, newest first: no gap, no duplicate
    h.store.getState().loadOlder();
    await h.settle();
    expect(h.queries.filter((q) => q.beforeId !== undefined)).toHaveLength(1); // nothing older to ask for
  });

  it('drops an older page that arrives after the filters changed', async () => {
    const h = harness(Array.from({ length: PAGE_SIZE + 10 }, (_, i) => summary(i + 1)));
    h.store.getState().start();
    await h.settle();
    h.store.getState().loadOlder();
    h.store.getState().setFilter('verdict', 'bad');
    await h.settle();
    expect(h.store.getState().items).toEqual([]);
    expect(h.store.getState().loadingOlder).toBe(false);
  });

  it('lets the newest rows go past MAX_ROWS when paging older, holds pushes, and goes back to the newest', async () => {
    const count = MAX_ROWS + 2 * PAGE_SIZE;
    const h = harness(Array.from({ length: count }, (_, i) => summary(i + 1)));
    h.store.getState().start();
    await h.settle();
    for (let page = 1; page < count / PAGE_SIZE; page++) {
      h.store.getState().loadOlder();
      await h.settle();
    }
    const state = h.store.getState();
    expect(state.items).toHaveLength(MAX_ROWS);
    expect(state.items.at(-1)!.id).toBe(1);
    expect(state.newerDropped).toBe(2 * PAGE_SIZE);
    expect(state.hasMore).toBe(false);

    // Above the list's top there is a gap now, so a push is held rather than shown out of place.
    h.push(summary(count + 1));
    h.runFrames();
    expect(h.store.getState().items[0]!.id).toBe(count - 2 * PAGE_SIZE);
    expect(h.store.getState().held.map((e) => e.id)).toEqual([count + 1]);

    h.store.getState().load();
    await h.settle();
    expect(h.store.getState()).toMatchObject({ newerDropped: 0, held: [], hasMore: true });
    expect(h.store.getState().items[0]!.id).toBe(count);
  });

  it('opens an event, and says why when it is gone', async () => {
    const h = harness([summary(1)]);
    h.store.getState().open(1);
    expect(h.store.getState().opened?.status).toBe('loading');
    await h.settle();
    expect(h.store.getState().opened).toMatchObject({ id: 1, status: 'ready' });
    h.store.getState().open(9);
    await h.settle();
    expect(h.store.getState().opened).toMatchObject({ id: 9, status: 'error' });
    expect(h.store.getState().opened?.error).toContain('no longer stored');
  });

  it('shows a renamed source in the filter and on its rows at once', async () => {
    const h = harness([summary(1), summary(2, { writeKey: 'wk_b', sourceName: 'Site B' })]);
    h.store.getState().start();
    await h.settle();
    h.store.getState().open(1);
    await h.settle();
    h.store.getState().sourceChanged(source('wk_a', { name: 'Marketing site', forwardTargetId: 'sandbox' }));
    const { items, sources, opened } = h.store.getState();
    expect(opened?.event?.sourceName).toBe('Marketing site');
    expect(items.map((e) => e.sourceName)).toEqual(['Site B', 'Marketing site']);
    expect(sources).toEqual([source('wk_a', { name: 'Marketing site', forwardTargetId: 'sandbox' })]);
  });
});

const profile = (id: string, production: boolean): ProfileSummary =>
  ({ id, name: id === 'sandbox' ? 'Sandbox' : 'Acme', production }) as ProfileSummary;

function sourcesHarness() {
  const calls: string[] = [];
  const changed: CollectorSource[] = [];
  const profiles = new Map([
    ['sandbox', profile('sandbox', false)],
    ['acme', profile('acme', true)],
  ]);
  const store = createSourcesStore({
    rename: async (writeKey, name) => {
      calls.push(`rename ${writeKey} ${name}`);
      return ok(source(writeKey, { name }));
    },
    setForward: async (writeKey, targetId) => {
      calls.push(`forward ${writeKey} ${targetId}`);
      return targetId === 'gone'
        ? { ok: false, error: { code: 'not-found', message: 'There is no profile "gone" to forward to.' } }
        : ok(source(writeKey, { forwardTargetId: targetId }));
    },
    profile: (id) => profiles.get(id) ?? null,
    changed: (s) => void changed.push(s),
  });
  return { store, calls, changed, profiles };
}

describe('sources store', () => {
  it('renames with the typed name, trimmed; an empty or unchanged name sends nothing', async () => {
    const h = sourcesHarness();
    const s = source('wk_a');
    await h.store.getState().rename(s);
    h.store.getState().editName('wk_a', '   ');
    await h.store.getState().rename(s);
    h.store.getState().editName('wk_a', '  Marketing site ');
    await h.store.getState().rename(s);
    expect(h.calls).toEqual(['rename wk_a Marketing site']);
    expect(h.changed.map((c) => c.name)).toEqual(['Marketing site']);
    expect(h.store.getState().drafts.has('wk_a')).toBe(false);
  });

  it('forwards to a test profile at once and turns forwarding off without asking', async () => {
    const h = sourcesHarness();
    await h.store.getState().requestForward(source('wk_a'), 'sandbox');
    await h.store.getState().requestForward(source('wk_a', { forwardTargetId: 'sandbox' }), null);
    expect(h.calls).toEqual(['forward wk_a sandbox', 'forward wk_a null']);
    expect(h.store.getState().pending).toBeNull();
  });

  it('holds forwarding to a production profile until confirmed; cancel sends nothing', async () => {
    const h = sourcesHarness();
    await h.store.getState().requestForward(source('wk_a'), 'acme');
    expect(h.calls).toEqual([]);
    expect(h.store.getState().pending).toMatchObject({ writeKey: 'wk_a', profile: { id: 'acme' } });
    await h.store.getState().answer(false);
    expect(h.calls).toEqual([]);
    expect(h.store.getState().pending).toBeNull();

    await h.store.getState().requestForward(source('wk_a'), 'acme');
    await h.store.getState().answer(true);
    expect(h.calls).toEqual(['forward wk_a acme']);
    expect(h.changed.at(-1)?.forwardTargetId).toBe('acme');
  });

  it("shows main's error and changes nothing when forwarding is refused", async () => {
    const h = sourcesHarness();
    await h.store.getState().requestForward(source('wk_a'), 'gone');
    expect(h.store.getState().error).toContain('no profile "gone"');
    expect(h.store.getState().busy).toBeNull();
    expect(h.changed).toEqual([]);
  });

  it('labels the forwarding indicator with the profile and whether it is production', () => {
    const { profiles } = sourcesHarness();
    const lookup = (id: string) => profiles.get(id) ?? null;
    expect(forwardLabel(source('wk_a'), lookup)).toBe('Not forwarded');
    expect(forwardLabel(source('wk_a', { forwardTargetId: 'sandbox' }), lookup)).toBe(
      'Forwarding to Sandbox',
    );
    expect(forwardLabel(source('wk_a', { forwardTargetId: 'acme' }), lookup)).toBe(
      'Forwarding to Acme (production)',
    );
    expect(forwardLabel(source('wk_a', { forwardTargetId: 'deleted' }), lookup)).toBe(
      'Forwarding to deleted',
    );
  });
});
