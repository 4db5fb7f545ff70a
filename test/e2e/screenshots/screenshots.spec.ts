import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness';
import { openStore } from '../../../electron/core/store';
import { makeRecord } from '../../bench/storeRecords';
import { insertDraft, ui, dismissSandboxNote } from '../renderer/app';
import { deliverMix } from '../renderer/deliveryMix';

/** Renders the main states into docs/screenshots at 1280x800 for the README. */
const OUT = join(process.cwd(), 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

async function shoot(page: Page, name: string): Promise<void> {
  // No caret blink or spinner mid-turn in the docs.
  await page.mouse.move(1270, 790);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test.describe.configure({ mode: 'serial' });

test('empty editor, invalid draft', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await expect(app.problems).toContainText('Valid Segment event');
  await expect(app.saveState).toHaveText('Saved');
  await shoot(page, 'empty-editor');

  await insertDraft(
    page,
    '{"type": "track", "userId": 1001, "properties": {"webinar": "Marketo Masterclass", "seats": 2}, "context": {"traits": {"email": "ada@example.com"}}}',
  );
  await page.getByRole('button', { name: 'Format the draft' }).click();
  await expect.poll(async () => page.locator('.monaco-editor .view-line').count()).toBeGreaterThan(10);
  await expect(app.sendReason).toContainText('Fix 2 problems to send');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await expect(app.saveState).toHaveText('Saved');
  await shoot(page, 'invalid-draft');
});

test('delivered lifecycle, pages 1 and 2', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await dismissSandboxNote(page);
  await app.send.click();
  await expect(app.outcomeTitle).toHaveText('Delivered');
  await expect(app.pager).toHaveText('1 of 3');
  await shoot(page, 'delivered-page-1');

  await app.next.click();
  await app.responseTab.click();
  await expect(app.responsePanel).toContainText('"id": 1001');
  await shoot(page, 'delivered-page-2');
});

test('rejected', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await dismissSandboxNote(page);
  await insertDraft(
    page,
    '{"type": "track", "event": "Newsletter Opened", "userId": "user-1001", "properties": {"newsletter": "November"}, "context": {"traits": {"email": "ada@example.com"}}}',
  );
  await page.getByRole('button', { name: 'Format the draft' }).click();
  await expect(app.saveState).toHaveText('Saved');
  await app.send.click();
  await expect(app.outcomeTitle).toHaveText('Message Rejected');
  await expect(app.saveState).toHaveText('Saved');
  await shoot(page, 'rejected');
});

test('history with several outcomes, one opened', async ({ page, harness }) => {
  const send = (event: Record<string, unknown>, n: number) =>
    harness.core.handlers['event:send']({ event, targetId: 'sandbox', dryRun: false, sendId: `shot-${n}` });
  const track = (event: string, extra: Record<string, unknown> = {}) => ({
    type: 'track',
    event,
    userId: 'user-1001',
    properties: { webinar: 'Marketo Masterclass' },
    context: { traits: { email: 'ada@example.com' } },
    ...extra,
  });
  await send(track('Webinar Registered'), 1);
  await send(track('Newsletter Opened'), 2);
  await send({ type: 'identify', userId: 'user-1002', traits: { email: 'grace@example.com' } }, 3);
  await send(track('Webinar Registered', { integrations: { 'Marketo V2': false } }), 4);
  harness.core.sandbox.faults.add({ kind: '606', count: 20, scope: 'activities' });
  await send(track('Webinar Registered'), 5);
  harness.core.sandbox.faults.clear();
  await send({ type: 'screen', name: 'Home', userId: 'user-1001' }, 6);
  await send(track('Webinar Attended'), 7);

  await harness.open();
  await dismissSandboxNote(page);
  await page.keyboard.press('ControlOrMeta+2');
  const view = page.getByTestId('view-history');
  const rows = view.getByTestId('history-row');
  await expect(rows).toHaveCount(7);
  await rows.nth(2).click();
  await expect(view.getByTestId('pager-label')).toHaveText(/1 of \d+/);
  await shoot(page, 'history');
});

test('debugger and schema', async ({ page, harness }) => {
  const url = harness.core.collector.status().url!;
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa('wk_marketing_site:')}` },
      body: JSON.stringify(body),
    });
  const library = { name: 'analytics.js', version: '2.11.1' };
  const batch = Array.from({ length: 24 }, (_, i) => ({
    type: 'page',
    anonymousId: `anon-${i}`,
    name: 'Page Viewed',
    properties: {
      path: '/pricing',
      url: 'https://www.example.com/pricing',
      ...(i % 4 !== 0 ? { title: 'Pricing' } : {}),
      ...(i % 3 === 0 ? { referrer: 'https://www.google.com/' } : {}),
    },
    context: { library },
  }));
  await post('/v1/batch', { batch });
  await post('/v1/identify', {
    userId: 'user-1001',
    traits: { email: 'ada@example.com' },
    context: { library },
  });
  await post('/v1/track', { event: 'Trial Started', properties: { plan: 'Pro' }, context: { library } });
  await post('/v1/track', {
    userId: 'user-1001',
    event: 'Webinar Registered',
    properties: { webinar: 'Marketo Masterclass', seats: 2 },
    context: { library, traits: { email: 'ada@example.com' } },
    integrations: { 'Marketo V2': true },
  });

  await harness.open();
  await dismissSandboxNote(page);
  await page.getByTestId('nav-debugger').click();
  const debuggerView = page.getByTestId('view-debugger');
  await expect(debuggerView.getByTestId('debugger-row')).not.toHaveCount(0);
  await debuggerView.getByTestId('debugger-row').filter({ hasText: 'Webinar Registered' }).click();
  await expect(debuggerView.getByTestId('debugger-pretty')).toBeVisible();
  await shoot(page, 'debugger');
  await debuggerView.getByTestId('debugger-row').filter({ hasText: 'Trial Started' }).click();
  await debuggerView.getByRole('tab', { name: 'Raw' }).click();
  await expect(debuggerView.getByTestId('debugger-problems')).toBeVisible();
  await shoot(page, 'debugger-bad-raw');

  // The Sources panel: the site renamed and forwarding to the Sandbox, marked on its rows.
  await debuggerView.getByTestId('sources-button').click();
  const source = debuggerView.getByTestId('source-row').first();
  await source.getByRole('textbox').fill('Marketing site');
  await source.getByRole('button', { name: 'Rename' }).click();
  await source.getByRole('combobox').selectOption('sandbox');
  await expect(source.getByTestId('source-forwarding')).toHaveText(/Forwarding to Sandbox/);
  await shoot(page, 'debugger-sources');
  await debuggerView.getByTestId('sources-button').click();

  await page.getByTestId('nav-schema').click();
  const schemaView = page.getByTestId('view-schema');
  await schemaView.getByTestId('schema-events').getByText('Page Viewed').click();
  await expect(schemaView.getByTestId('schema-property')).not.toHaveCount(0);
  await shoot(page, 'schema');
});

test('delivery: trends over a day and an issue pane with an example open', async ({ page, harness }) => {
  // A day of recorded deliveries (as the app, the CLI and suites would have left them), then a live mix.
  const store = openStore({ dataDir: harness.userDataDir });
  const now = Date.now();
  const outcomes = [
    'delivered',
    'delivered',
    'delivered',
    'delivered',
    'rejected',
    'failed',
    'skipped',
  ] as const;
  store.deliveries.recordMany(
    Array.from({ length: 1400 }, (_, n) => {
      const hour = (n * 7) % 24;
      // Errors peak mid-afternoon; latency rises with them.
      const busy = hour >= 14 && hour <= 16;
      const outcome = busy && n % 3 === 0 ? 'failed' : outcomes[n % outcomes.length]!;
      const startedAt = new Date(now - hour * 3_600_000 - ((n * 37) % 3_600) * 1000 - 60_000);
      const record = makeRecord(n, { startedAt, outcome, source: n % 5 === 0 ? 'cli' : 'app' });
      const durationMs = (busy ? 900 : 160) + ((n * 53) % (busy ? 2400 : 500));
      return {
        ...record,
        finishedAt: new Date(startedAt.getTime() + durationMs).toISOString(),
        ...(outcome === 'rejected' ? { code: 'UNMAPPED_EVENT', reason: 'not mapped', interactions: [] } : {}),
        ...(outcome === 'skipped' ? { code: undefined, interactions: [] } : {}),
      };
    }),
  );
  store.close();
  await deliverMix(harness, 3);

  await harness.open();
  await dismissSandboxNote(page);
  await page.getByTestId('nav-delivery').click();
  const view = page.getByTestId('view-delivery');
  await expect(view.getByTestId('delivery-view')).toHaveAttribute('data-ready', 'true');
  await expect(view.getByTestId('issue-row').first()).toBeVisible();
  await shoot(page, 'delivery');

  await view.locator('[data-testid="issue-row"][data-code="606"]').click();
  await view.getByTestId('example-row').first().click();
  await expect(view.getByTestId('pager-label')).toHaveText(/1 of \d+/);
  await shoot(page, 'delivery-issue');
});

test('profiles: a production profile, tested, with settings loaded from Marketo', async ({
  page,
  harness,
}) => {
  // A second Marketo with credentials of its own, as a client's production instance would be.
  const { startSandbox } = await import('../../../electron/core/sandbox/index');
  const second = await startSandbox({ clientId: 'acme-client', clientSecret: 'acme-secret-screens' });
  try {
    await harness.open();
    await dismissSandboxNote(page);
    await page.getByTestId('nav-profiles').click();
    await page.getByTestId('new-profile').click();
    const editor = page.getByTestId('profile-editor');
    await editor.getByTestId('profile-name').fill('Acme Production');
    await editor.getByTestId('profile-endpoint').fill(second.url);
    await editor.getByTestId('profile-client-id').fill('acme-client');
    await editor.getByTestId('profile-client-secret').fill('acme-secret-screens');
    await editor.getByTestId('profile-production').check();
    await editor.getByRole('button', { name: 'Colour #f85149' }).click();
    await editor.getByTestId('save-profile').click();
    await editor.getByTestId('test-connection').click();
    await expect(editor.getByTestId('usage')).toBeVisible();
    await editor.getByTestId('load-from-marketo').click();
    await expect(editor.getByTestId('catalog-info')).toBeVisible();
    await editor.getByTestId('add-activity').click();
    await editor.getByTestId('activity-0-event').fill('Webinar Registered');
    await editor.getByTestId('activity-0-primary').fill('webinar');
    await editor.getByTestId('activity-0-add-attribute').click();
    await editor.getByTestId('activity-0-property-0').fill('seats');
    await editor.getByTestId('add-activity').click();
    await editor.getByTestId('activity-1-event').fill('Survey Completed');
    await editor.getByTestId('activity-1-type').selectOption('100104');
    await editor.getByTestId('activity-1-primary').fill('survey');
    await editor.getByTestId('save-profile').click();
    await editor.getByTestId('use-profile').click();
    await expect(editor.getByTestId('settings-flags')).toBeVisible();
    await editor.locator('.profile-scroll').evaluate((el) => el.scrollTo(0, 0));
    await shoot(page, 'profiles');
    await editor.getByTestId('activity-0').scrollIntoViewIfNeeded();
    await editor.locator('.profile-scroll').evaluate((el) => el.scrollBy(0, -260));
    await shoot(page, 'profile-mappings');

    await editor.getByTestId('settings-tab-json').click();
    await expect(editor.getByTestId('settings-json').locator('.view-lines')).toContainText('formatVersion');
    await editor.getByTestId('settings-json').scrollIntoViewIfNeeded();
    await shoot(page, 'profile-settings-json');

    await page.getByTestId('nav-tester').click();
    await insertDraft(
      page,
      '{"type": "track", "event": "Webinar Registered", "userId": "user-1001", "properties": {"webinar": "Q4 Launch", "seats": 2}, "context": {"traits": {"email": "ada@example.com"}}}',
    );
    await ui(page).send.click();
    await expect(page.getByTestId('production-confirm')).toBeVisible();
    await shoot(page, 'production-confirm');
  } finally {
    await second.close();
  }
});

/**
 * Issue 13: a small window (1024×700) and 200% zoom (1280×800 at twice the size: 640×400 CSS pixels,
 * drawn at 1280×800). Nothing may be cut off without a way to reach it: the view scrolls.
 */
test('small window and 200% zoom: every control reachable', async ({ page, harness }) => {
  const app = ui(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await harness.open();
  await dismissSandboxNote(page);
  await app.send.click();
  await expect(app.outcomeTitle).toHaveText('Delivered');
  await expect(app.send).toBeInViewport();
  await expect(app.dryRun).toBeInViewport();
  // At 1024 wide the Tester fits: no sideways scrolling.
  const tester = page.getByTestId('view-tester');
  expect(await tester.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  await page.mouse.move(1020, 690);
  await page.screenshot({
    path: join(OUT, 'small-window-1024x700.png'),
    animations: 'disabled',
    caret: 'hide',
  });

  const zoomed = await page
    .context()
    .browser()!
    .newContext({
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
    });
  const zoomPage = await zoomed.newPage();
  await zoomPage.goto(harness.url);
  const z = ui(zoomPage);
  await expect(z.send).toBeVisible();
  // Every top-bar control can be scrolled to (the view scrolls; nothing is cut off for good).
  for (const control of [z.dryRun, z.send]) {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
  }
  await zoomPage.screenshot({ path: join(OUT, 'zoom-200-top.png'), animations: 'disabled', caret: 'hide' });
  await z.send.click();
  await expect(z.outcomeTitle).toHaveText('Delivered');
  // Scrolled to the lifecycle: the same view, reached by scrolling, not cut off.
  await z.lifecycle.scrollIntoViewIfNeeded();
  await z.responseTab.scrollIntoViewIfNeeded();
  await expect(z.responseTab).toBeInViewport();
  await zoomPage.screenshot({
    path: join(OUT, 'zoom-200-lifecycle.png'),
    animations: 'disabled',
    caret: 'hide',
  });
  await zoomed.close();
});
