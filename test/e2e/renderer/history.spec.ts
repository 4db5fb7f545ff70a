import type { Page } from '@playwright/test';
import { openStore } from '../../../electron/core/store';
import type { DeliveryRecord } from '../../../shared/history';
import { makeRecord } from '../../bench/storeRecords';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test, type Harness } from '../harness';
import { editorText, focusEditor, inView, insertDraft, sendAndWait, typeDraft, ui } from './app';

const history = (page: Page) => {
  const view = page.getByTestId('view-history');
  return {
    ...inView(view),
    list: view.getByTestId('history-list'),
    rows: view.getByTestId('history-row'),
    nav: page.getByTestId('nav-history'),
  };
};

test('a delivery sent in the Tester is at the top of History, and Enter opens its lifecycle', async ({
  page,
  harness,
}) => {
  await harness.open();
  await sendAndWait(page, 'Delivered');

  await page.keyboard.press('ControlOrMeta+2');
  const h = history(page);
  await expect(h.view).toBeVisible();
  await expect(h.nav).toHaveAttribute('aria-current', 'page');
  await expect(ui(page).view).toBeHidden();
  const top = h.rows.first();
  await expect(top.getByTestId('history-outcome')).toHaveText('Delivered');
  await expect(top).toContainText('track · Webinar Registered');
  await expect(top).toContainText('sandbox');

  // The list is the one tab stop and has the focus; the keys choose, Enter opens.
  await expect(h.list).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(top).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(h.outcomeTitle).toHaveText('Delivered');
  await expect(h.pager).toHaveText('1 of 3');
  await expect(h.stepName).toHaveText('Access token');
  await h.next.click();
  await expect(h.pager).toHaveText('2 of 3');
  await expect(h.requestTab).toHaveAttribute('aria-selected', 'true');
  await expect(h.requestUrl).toContainText(
    '/rest/v1/leads.json?filterType=email&filterValues=ada%40example.com',
  );
  await h.responseTab.click();
  await expect(h.responsePanel).toContainText('"id": 1001');

  // Paging History's viewer leaves the Tester's where it was.
  await page.keyboard.press('ControlOrMeta+1');
  await expect(ui(page).pager).toHaveText('1 of 3');
});

test('keyboard only: views switch with Ctrl+1/Ctrl+2 and the rail, and the editor keeps its undo', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  const h = history(page);
  const testerNav = page.getByTestId('nav-tester');
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(testerNav).toHaveAttribute('aria-current', 'page');

  await typeDraft(page, '{"type": "page", "name": "Kept", "userId": "u-1"}');
  await page.getByRole('button', { name: 'Use the Identify template' }).click();
  // The typed draft is the user's own: the template asks first (Enter alone would keep the draft).
  await page.getByRole('dialog').getByRole('button', { name: 'Replace the draft' }).click();
  await expect.poll(() => editorText(page)).toContain('"type": "identify"');
  await page.keyboard.press('ControlOrMeta+2');
  await expect(h.view).toBeVisible();
  await expect(h.list).toBeFocused();
  await expect(testerNav).not.toHaveAttribute('aria-current', 'page');

  // Back with the shortcut: the same editor, caret in it, its undo history intact.
  await page.keyboard.press('ControlOrMeta+1');
  await expect(app.view).toBeVisible();
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/focused/);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorText(page)).toContain('"name": "Kept"');

  // The rail's buttons: focus shows the tooltip with the shortcut, Enter switches.
  await h.nav.focus();
  await expect(h.nav.getByRole('tooltip')).toBeVisible();
  await expect(h.nav.getByRole('tooltip')).toContainText(/History (Ctrl|⌘)\+2/);
  await page.keyboard.press('Enter');
  await expect(h.nav).toHaveAttribute('aria-current', 'page');
  await expect(h.list).toBeFocused();
  // Back up the tab order to the rail: past the toolbar (filters, search, Refresh), never stuck in the list.
  for (let i = 0; i < 40 && !(await testerNav.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(testerNav).toBeFocused();
  await page.keyboard.press('Space');
  await expect(app.view).toBeVisible();
});

test('a rejected send shows as Rejected with its code, and opens in the Tester again', async ({
  page,
  harness,
}) => {
  await harness.open();
  const rejected =
    '{"type": "track", "event": "Newsletter Opened", "userId": "user-1001", "properties": {"newsletter": "November"}, ' +
    '"context": {"traits": {"email": "ada@example.com"}}}';
  await insertDraft(page, rejected);
  await sendAndWait(page, 'Message Rejected');
  const code = await page.getByTestId('view-tester').locator('.outcome .chip.mono').textContent();
  await page.getByRole('button', { name: 'Use the Identify template' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replace the draft' }).click();
  await sendAndWait(page, 'Delivered');

  await page.keyboard.press('ControlOrMeta+2');
  const h = history(page);
  await expect(h.rows).toHaveCount(2);
  await expect(h.rows.nth(0).getByTestId('history-outcome')).toHaveText('Delivered');
  const row = h.rows.nth(1);
  await expect(row.getByTestId('history-outcome')).toHaveText('Rejected');
  await expect(row).toContainText('track · Newsletter Opened');
  expect(code).toMatch(/^code \S+/);
  await expect(row.getByTestId('history-code')).toHaveText((code ?? '').replace(/^code /, ''));

  // Filters re-query: only the rejected one.
  await h.view.getByRole('button', { name: 'Rejected' }).click();
  await expect(h.rows).toHaveCount(1);
  await h.rows.first().click();
  await expect(h.outcomeTitle).toHaveText('Message Rejected');
  await expect(h.view.getByTestId('no-requests')).toBeVisible();

  await h.view.getByTestId('open-in-tester').click();
  await expect(ui(page).view).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('"event": "Newsletter Opened"');
  // Undoable there, like a template.
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorText(page)).toContain('"type": "identify"');
});

test('a delivery recorded while History is shown appears at the top at once', async ({ page, harness }) => {
  await harness.open();
  await page.keyboard.press('ControlOrMeta+2');
  const h = history(page);
  await expect(h.view.getByTestId('history-empty')).toContainText('No deliveries yet');

  // Sent through the same handler table, outside the Tester (as a suite run or the collector would).
  await harness.core.handlers['event:send']({
    event: { type: 'identify', userId: 'pushed-1', traits: { email: 'p@example.com' } },
    targetId: 'sandbox',
    dryRun: false,
    sendId: 'from-test',
  });
  await expect(h.rows).toHaveCount(1);
  await expect(h.rows.first()).toContainText('identify');
  await expect(h.view.getByTestId('history-count')).toHaveText('1 delivery');
});

/** Records deliveries as another process would (the CLI, a suite run elsewhere): into the database, no push. */
function recordElsewhere(harness: Harness, records: DeliveryRecord[]): void {
  const store = openStore({ dataDir: harness.userDataDir });
  try {
    store.deliveries.recordMany(records);
  } finally {
    store.close();
  }
}

const namedEvent = (name: string, n: number) => ({ type: 'track', event: name, userId: `user-${n}` });

test('History filters by source, and offers deliveries other processes recorded without moving the rows', async ({
  page,
  harness,
}) => {
  const now = Date.now();
  // Sixty deliveries the CLI and a suite run recorded earlier, then one sent from the app's Tester.
  recordElsewhere(
    harness,
    Array.from({ length: 60 }, (_, n) =>
      makeRecord(n, {
        startedAt: new Date(now - 60_000 - n * 1000),
        outcome: 'delivered',
        source: n % 2 === 0 ? 'cli' : 'suite',
        event: namedEvent(`Earlier ${n}`, n),
      }),
    ),
  );
  await harness.open();
  await sendAndWait(page, 'Delivered');
  await page.keyboard.press('ControlOrMeta+2');
  const h = history(page);
  const count = h.view.getByTestId('history-count');
  await expect(count).toHaveText('61 deliveries');
  await expect(h.rows.first()).toContainText('Webinar Registered');

  // Source chips, as the outcome chips: toggle buttons in a named group, keyboard included.
  const sources = h.view.getByRole('group', { name: 'Source' });
  const app = sources.getByRole('button', { name: 'app' });
  const cli = sources.getByRole('button', { name: 'cli' });
  await app.click();
  await expect(app).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toHaveText('1 delivery');
  await expect(h.rows).toHaveCount(1);
  await expect(h.rows.first().locator('.cell.dim').first()).toHaveText('app');
  await cli.focus();
  await page.keyboard.press('Space');
  await expect(count).toHaveText('31 deliveries');
  await app.click();
  await expect(count).toHaveText('30 deliveries');
  await expect(h.rows.first()).toContainText('Earlier 0');
  await expect(h.rows.first().locator('.cell.dim').first()).toHaveText('cli');

  // The event-name search narrows the same query.
  const search = h.view.getByRole('searchbox', { name: 'Event name contains' });
  await search.fill('earlier 1');
  // cli rows are the even ones: 10, 12, ..., 18.
  await expect(count).toHaveText('5 deliveries');
  await search.fill('');
  await expect(count).toHaveText('30 deliveries');
  await cli.click();
  await expect(count).toHaveText('61 deliveries');

  // At the top, a delivery from another process comes straight in when the window regains focus.
  recordElsewhere(harness, [
    makeRecord(100, { startedAt: new Date(), source: 'cli', event: namedEvent('From The CLI', 100) }),
  ]);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(count).toHaveText('62 deliveries');
  await expect(h.rows.first()).toContainText('From The CLI');
  await expect(h.view.getByTestId('history-newer')).toBeHidden();

  // Scrolled down with a row selected: the next one waits in a bar, and the rows stay put.
  await h.list.focus();
  await page.keyboard.press('End');
  const selected = h.view.locator('[role="option"][aria-selected="true"]');
  await expect(selected).toContainText('Earlier 59');
  recordElsewhere(harness, [
    makeRecord(101, { startedAt: new Date(), source: 'suite', event: namedEvent('From A Suite', 101) }),
  ]);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  const bar = h.view.getByTestId('history-newer');
  await expect(bar).toHaveText(/1 newer delivery\s*Show/);
  await expect(page.getByTestId('live-region')).toContainText('1 newer delivery recorded');
  await expect(count).toHaveText('62 deliveries');
  await expect(selected).toContainText('Earlier 59');
  await expectNoSeriousA11yViolations(page, 'History with the newer-deliveries bar and a source filter');

  await bar.getByRole('button', { name: 'Show' }).click();
  await expect(bar).toBeHidden();
  await expect(count).toHaveText('63 deliveries');
  await expect(h.rows.first()).toContainText('From A Suite');
  await expect(h.list).toBeFocused();
  // The selection stayed on its delivery, now one row further down: the row above it is the one before.
  await page.keyboard.press('ArrowUp');
  await expect(selected).toContainText('Earlier 58');
  await expect(selected).toHaveAttribute('aria-posinset', '62');
});
