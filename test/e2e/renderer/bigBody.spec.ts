import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../harness';
import { inView, sendAndWait, ui } from './app';
import { seedBigDelivery } from './bigBody';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Opens the seeded delivery in History and returns its lifecycle helpers. */
async function openBigDelivery(page: Page) {
  await page.keyboard.press('ControlOrMeta+2');
  const view = page.getByTestId('view-history');
  const h = inView(view);
  await view.getByTestId('history-row').first().click();
  await expect(h.pager).toHaveText('1 of 3');
  return h;
}

test('a 5 MB response opens line by line, shows its size, wraps, searches, and pages back', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  seedBigDelivery(harness.userDataDir, 5);
  await harness.open();
  const h = await openBigDelivery(page);
  await h.next.click();
  await h.next.click();
  await expect(h.pager).toHaveText('3 of 3');
  await h.responseTab.click();

  const body = h.responsePanel.getByTestId('body-lines');
  await expect(body).toBeVisible();
  await expect(h.responsePanel.getByTestId('body-size')).toHaveText(/^5\.\d MB$/);
  // Only the lines in view are in the DOM.
  expect(await body.locator('.json-line').count()).toBeLessThan(200);

  // The 2,000-character value: one wide line until Wrap, then within the panel's width.
  const wrap = h.responsePanel.getByRole('button', { name: 'Wrap' });
  await expect(wrap).toHaveAttribute('aria-pressed', 'false');
  expect(await body.evaluate((el) => el.scrollWidth > el.clientWidth * 3)).toBe(true);
  await wrap.click();
  await expect(wrap).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => body.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  // Search scrolls to the match at the very end and marks it.
  await h.responsePanel.getByTestId('body-search').fill('needle@example');
  await expect(h.responsePanel.getByTestId('body-matches')).toHaveText('Line 1 of 1 matching');
  await expect(body.locator('mark')).toHaveText('needle@example');

  // Collapse all: the outermost object shows its three keys, the 25,000-lead array as one line.
  await h.responsePanel.getByTestId('body-search').fill('');
  await h.responsePanel.getByRole('button', { name: 'Collapse all' }).click();
  await expect(body.locator('.json-line')).toHaveCount(5);
  const results = body.locator('.json-line').filter({ hasText: '"result"' });
  await expect(results).toHaveText(/"result": \[ … \]\s*[\d,]{6} items$/);
  await expect(
    results.getByRole('button', { name: /^Expand lines 4–\d+ \(array, [\d,]+ items\)$/ }),
  ).toHaveAttribute('aria-expanded', 'false');
  // Searching into the fold opens the blocks around the match, and only those.
  await h.responsePanel.getByTestId('body-search').fill('needle@example');
  await expect(body.locator('mark')).toHaveText('needle@example');
  await expect(body.locator('.json-line').filter({ hasText: '"id": 999999' })).toBeVisible();
  await expect(body.getByTestId('fold-size').first()).toHaveText('7 keys');
  // Expand all, from the keyboard on the focused body.
  await body.focus();
  await page.keyboard.press(']');
  await expect(body.getByTestId('fold-size')).toHaveCount(0);

  // Page away and back: the body is there again at once.
  await h.prev.click();
  await h.prev.click();
  await expect(h.pager).toHaveText('1 of 3');
  const started = Date.now();
  await h.next.click();
  await h.next.click();
  await expect(h.responsePanel.getByTestId('body-lines').locator('.json-line').first()).toBeVisible();
  // Generous on a shared 2-core machine; `npm run bench` prints the real figure.
  expect(Date.now() - started).toBeLessThan(3_000);
});

test('a small response folds and expands, searches into a fold, wraps, and copies all of it', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  await sendAndWait(page, 'Delivered');
  await app.next.click();
  await app.responseTab.click();
  const panel = app.responsePanel;
  const body = panel.getByTestId('body-all');
  await expect(body).toContainText('"email": "ada@example.com"');
  await expect(panel.getByTestId('body-size')).toHaveText(/^\d{2,3} B$/);

  // The lookup's result array (lines 3–9) folds to one line saying what it holds.
  const toggle = body.getByRole('button', { name: 'Collapse lines 3–9 (array, 1 item)' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  const folded = body.getByRole('button', { name: 'Expand lines 3–9 (array, 1 item)' });
  await expect(folded).toHaveAttribute('aria-expanded', 'false');
  await expect(body.locator('.json-line').nth(2)).toHaveText(/^\s*"result": \[ … \],\s*1 item$/);
  await expect(body).not.toContainText('ada@example.com');
  // The toggles are not tab stops: the body is the one.
  await expect(folded).toHaveAttribute('tabindex', '-1');
  await expectNoSeriousA11yViolations(page, 'a response body with a folded block');

  // Copy copies the whole body, folds or not.
  await panel.getByRole('button', { name: 'Copy body' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied).result[0].email).toBe('ada@example.com');

  // A search whose match is inside the fold opens it.
  await panel.getByTestId('body-search').fill('ada@');
  await expect(panel.getByTestId('body-matches')).toHaveText('Line 1 of 1 matching');
  const searched = panel.getByTestId('body-lines');
  await expect(searched.locator('mark')).toHaveText('ada@');
  await expect(searched.getByRole('button', { name: 'Collapse lines 3–9 (array, 1 item)' })).toBeVisible();
  await panel.getByTestId('body-search').fill('');

  // Keys on the focused body: [ collapses all, ] expands all.
  await body.focus();
  await page.keyboard.press('[');
  await expect(body.locator('.json-line')).toHaveCount(5);
  await expect(body.getByTestId('fold-size')).toHaveText(['1 item']);
  await page.keyboard.press(']');
  await expect(body).toContainText('ada@example.com');
  await panel.getByRole('button', { name: 'Collapse all' }).click();
  await expect(body.locator('.json-line')).toHaveCount(5);
  await panel.getByRole('button', { name: 'Expand all' }).click();
  await expect(body.locator('.json-line')).toHaveCount(11);

  // Wrap applies to the small body's lines too.
  const text = body.locator('.json-text').first();
  await expect(text).toHaveCSS('white-space', 'pre');
  await panel.getByRole('button', { name: 'Wrap' }).click();
  await expect(text).toHaveCSS('white-space', 'pre-wrap');
});

test('a body that is not JSON gets no fold toggles', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  harness.core.sandbox.faults.add({ kind: '502', count: 50, scope: 'leads' });
  await app.send.click();
  await expect(app.outcomeTitle).not.toHaveText(/Sending/);
  await app.next.click();
  await app.responseTab.click();
  await expect(app.responsePanel.getByTestId('body-size')).toBeVisible();
  await expect(app.responsePanel).toContainText('502 Bad Gateway');
  await expect(app.responsePanel.locator('.fold-gutter')).toHaveCount(0);
  await expect(app.responsePanel.getByRole('button', { name: 'Collapse all' })).toHaveCount(0);
});
