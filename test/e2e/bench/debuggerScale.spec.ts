import type { NewReceivedEvent } from '../../../electron/core/store';
import { expect, test } from '../harness';

/**
 * `npm run bench`: the Debugger over 100,000 stored events (BENCH_DEBUGGER_EVENTS changes that).
 * Seeds the store the collector writes, opens the Debugger and prints: time to the first rows, a
 * page of 1,000 older events (in the store, and from "Load older events" to the rows in the list),
 * frame times while scrolling the list (which pages older events in near its end), and the keyword
 * search's query time (in the store, and from typing to the list showing the matches).
 */
const EVENTS = Number(process.env.BENCH_DEBUGGER_EVENTS ?? 100_000);
const NEEDLE_EVERY = 1000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

/** Event n: a mix of the six types and names; every NEEDLE_EVERY-th carries the searched word. */
function seedEvent(n: number, start: number): NewReceivedEvent {
  const type = (['track', 'track', 'track', 'page', 'identify', 'group'] as const)[n % 6]!;
  const eventName = type === 'track' ? `Bench Event ${n % 40}` : type === 'page' ? 'Pricing' : null;
  const properties = {
    plan: n % 3 === 0 ? 'pro' : 'free',
    seats: n % 17,
    url: `https://example.com/p/${n % 500}`,
    ...(n % NEEDLE_EVERY === 0 ? { campaign: 'zebra-launch' } : {}),
  };
  return {
    arrivedAt: new Date(start + n * 10),
    writeKey: n % 2 === 0 ? 'wk_bench_web' : 'wk_bench_api',
    endpoint: '/v1/batch',
    library: n % 2 === 0 ? 'analytics.js' : 'analytics-node',
    type,
    eventName,
    userId: `user-${n % 5000}`,
    anonymousId: null,
    good: n % 50 !== 0,
    problems: [],
    payload: { type, ...(eventName ? { event: eventName } : {}), userId: `user-${n % 5000}`, properties },
  };
}

test(`debugger: ${EVENTS.toLocaleString('en-US')} stored events`, async ({ page, harness }) => {
  test.setTimeout(600_000);
  const store = harness.core.collector.store!.received;
  const start = Date.now() - EVENTS * 10;
  const seedStarted = performance.now();
  for (let from = 0; from < EVENTS; from += 5000)
    store.recordMany(
      Array.from({ length: Math.min(5000, EVENTS - from) }, (_, i) => seedEvent(from + i, start)),
    );
  const seedMs = performance.now() - seedStarted;

  await harness.open();
  const opened = Date.now();
  await page.getByTestId('nav-debugger').click();
  const view = page.getByTestId('view-debugger');
  await expect(view.getByTestId('debugger-row').first()).toBeVisible({ timeout: 60_000 });
  const firstRowsMs = Date.now() - opened;
  await expect(view.getByTestId('debugger-count')).toHaveText(`${EVENTS.toLocaleString('en-US')} events`);

  // One page of 1,000 older events: the store's keyset query alone (from deep in the store too),
  // then from pressing "Load older events" to the list holding them.
  const olderTimes: number[] = [];
  for (const beforeId of [EVENTS - 999, Math.floor(EVENTS / 2), 2000]) {
    const t0 = performance.now();
    const older = store.list({ limit: 1000, beforeId });
    olderTimes.push(performance.now() - t0);
    expect(older.items).toHaveLength(1000);
  }
  const pressed = Date.now();
  await view.getByRole('button', { name: 'Load older events' }).click();
  await expect(view.getByTestId('debugger-loaded')).toHaveText(
    `Showing 2,000 of ${EVENTS.toLocaleString('en-US')} matching events`,
  );
  const olderOnScreenMs = Date.now() - pressed;

  // Scroll once through what the list holds now, one step per frame, noting each frame's duration
  // (near the end it pages older events in, so a page's arrival is among the frames).
  const frames = await page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[data-testid="debugger-list"]')!;
    const durations: number[] = [];
    let last = performance.now();
    const step = list.clientHeight / 3;
    const end = list.scrollHeight;
    while (list.scrollTop + list.clientHeight < Math.min(end, list.scrollHeight) - 1) {
      list.scrollTop += step;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      durations.push(now - last);
      last = now;
    }
    return { durations, rows: Math.round(end / 34) };
  });

  // Keyword search: the store's query alone, then from typing to the matches on screen.
  const needles = Math.floor((EVENTS - 1) / NEEDLE_EVERY) + 1;
  const queryTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const found = store.list({ search: 'zebra-launch', limit: 1000 });
    queryTimes.push(performance.now() - t0);
    expect(found.total).toBe(needles);
  }
  const typed = Date.now();
  await view.getByLabel('Search payloads').fill('zebra-launch');
  await expect(view.getByTestId('debugger-count')).toHaveText(`${needles.toLocaleString('en-US')} events`, {
    timeout: 60_000,
  });
  const searchOnScreenMs = Date.now() - typed;

  const rows = [
    ['stored events', EVENTS.toLocaleString('en-US')],
    ['seeding (store, 5,000 per transaction)', `${(seedMs / 1000).toFixed(1)} s`],
    ['open Debugger to first rows', `${firstRowsMs} ms`],
    ['older page of 1,000, store query median', `${percentile(olderTimes, 0.5).toFixed(1)} ms`],
    ['older page of 1,000, press to rows in the list', `${olderOnScreenMs} ms`],
    ['rows scrolled through (the rest stay in the store)', String(frames.rows)],
    ['scroll frames', String(frames.durations.length)],
    ['scroll frame median', `${percentile(frames.durations, 0.5).toFixed(1)} ms`],
    ['scroll frame p95', `${percentile(frames.durations, 0.95).toFixed(1)} ms`],
    ['scroll frame max', `${Math.max(...frames.durations).toFixed(1)} ms`],
    ['keyword search, store query median', `${percentile(queryTimes, 0.5).toFixed(1)} ms`],
    ['keyword search, typing to matches on screen', `${searchOnScreenMs} ms`],
  ];
  console.log(
    `\nDebugger bench (${EVENTS.toLocaleString('en-US')} stored)\n${rows.map(([k, v]) => `  ${k!.padEnd(52)} ${v}`).join('\n')}`,
  );
});
