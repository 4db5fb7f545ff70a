import type { Page } from '@playwright/test';
import { expect, test } from '../harness';
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
  // Back up the tab order to the rail: past the toolbar (filters, Refresh), never stuck in the list.
  for (let i = 0; i < 20 && !(await testerNav.evaluate((el) => el === document.activeElement)); i++) {
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
