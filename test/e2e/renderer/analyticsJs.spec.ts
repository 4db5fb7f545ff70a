import type { Page } from '@playwright/test';
import { runEvents } from '../../../electron/cli/commands/events';
import type { ReceivedEvent } from '../../../shared/collector';
import { expect, isLocalUrl, test, type Harness } from '../harness';
import { startAnalyticsPage, type AnalyticsPage } from './analyticsPage';

/**
 * Segment's analytics.js in Chromium, bundled from the npm package, on a page served from another
 * localhost port with `cdnURL` and `apiHost` on the collector: it loads the collector's settings
 * document and posts what it really posts (one-letter paths or `/b`, `text/plain`, the write key in
 * the body and as Basic auth). Its six calls show in the Debugger and in `event-tester events --json`.
 */

const TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'];

let site: AnalyticsPage;
test.beforeAll(async () => {
  site = await startAnalyticsPage();
});
test.afterAll(async () => {
  await site.close();
});

function collectorUrl(harness: Harness): string {
  const url = harness.core.collector.status().url;
  if (!url) throw new Error('the collector is not running');
  return url;
}

/**
 * Opens the site in a second tab and runs the six calls; `requests` grows with every URL the tab
 * asks for. The tab stays open until `close`, so a batch still in analytics.js's buffer is not
 * cut short by an unload.
 */
async function runSite(
  page: Page,
  url: string,
): Promise<{ requests: string[]; dispatched: string[]; close(): Promise<void> }> {
  const tab = await page.context().newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  tab.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(url);
  await tab.waitForFunction(() => typeof window.sendAnalyticsCalls === 'function');
  const dispatched = await tab.evaluate(() => window.sendAnalyticsCalls!());
  return {
    requests,
    dispatched,
    close: async () => {
      await tab.close();
      expect(errors, 'no errors on the analytics.js page').toEqual([]);
    },
  };
}

/** What `event-tester events --json --source KEY` prints, read from the harness's data folder. */
async function cliEvents(harness: Harness, source: string): Promise<ReceivedEvent[]> {
  let out = '';
  const io = { out: (text: string) => void (out += text), err: (text: string) => void (out += text) };
  const code = await runEvents(['--json', '--source', source, '--data-dir', harness.userDataDir], {
    ...io,
    interrupted: () => new Promise<void>(() => {}),
  });
  expect(code, out).toBe(0);
  return JSON.parse(out) as ReceivedEvent[];
}

test('analytics.js calls, one request each, arrive in the Debugger and in events --json', async ({
  page,
  harness,
}) => {
  const collector = collectorUrl(harness);
  await harness.open();
  await page.getByTestId('nav-debugger').click();
  const view = page.getByTestId('view-debugger');

  const { requests, dispatched, close } = await runSite(page, site.url({ collector, writeKey: 'wk_site' }));
  expect(dispatched.sort()).toEqual([...TYPES].sort());
  const foreign = requests.filter((r) => !isLocalUrl(r.split(' ')[1]!));
  expect(foreign, 'analytics.js must load nothing from a CDN').toEqual([]);
  expect(requests).toContain(`GET ${collector}/v1/projects/wk_site/settings`);
  for (const letter of ['i', 't', 'p', 's', 'g', 'a'])
    expect(requests).toContain(`POST ${collector}/v1/${letter}`);

  const rows = view.getByTestId('debugger-row');
  await expect(rows).toHaveCount(6);
  await close();
  for (const name of ['identify', 'Demo Requested', 'Install', 'Home', 'group', 'alias'])
    await expect(rows.filter({ hasText: name })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Bad' })).toHaveCount(0);
  await rows.filter({ hasText: 'Demo Requested' }).click();
  const detail = page.getByTestId('debugger-detail');
  await expect(detail).toContainText('analytics.js');
  await expect(detail).toContainText('/v1/t');
  await expect(detail.getByTestId('debugger-pretty')).toContainText('analytics.track("Demo Requested", {');

  const events = await cliEvents(harness, 'wk_site');
  expect(events.map((e) => e.type).sort()).toEqual([...TYPES].sort());
  for (const event of events) {
    expect(event.good, JSON.stringify(event.problems)).toBe(true);
    expect(event.library).toBe('analytics.js');
    expect(event.writeKey).toBe('wk_site');
  }
  const alias = events.find((e) => e.type === 'alias')!;
  expect(alias.payload).toMatchObject({ userId: 'user-2002', previousId: 'anon-browser-1' });
  const track = events.find((e) => e.type === 'track')!;
  expect(track.payload).toMatchObject({ event: 'Demo Requested', properties: { seats: 3 } });
});

test('analytics.js with batching posts to /b and every call is kept', async ({ page, harness }) => {
  const collector = collectorUrl(harness);
  const { requests, close } = await runSite(
    page,
    site.url({ collector, writeKey: 'wk_batch', batching: true }),
  );
  await expect
    .poll(() => harness.core.collector.store!.received.list({ source: 'wk_batch' }).total)
    .toBe(TYPES.length);
  await close();
  expect(requests).toContain(`POST ${collector}/v1/b`);
  expect(requests.filter((r) => /\/v1\/[tipsga]$/.test(r))).toEqual([]);
  const events = await cliEvents(harness, 'wk_batch');
  expect(events.map((e) => [e.endpoint, e.good, e.library])).toEqual(
    TYPES.map(() => ['/v1/b', true, 'analytics.js']),
  );
});
