import type { Page } from '@playwright/test';
import { expect, test } from '../harness';
import { inView } from './app';
import { seedBigDelivery } from './bigBody';

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
