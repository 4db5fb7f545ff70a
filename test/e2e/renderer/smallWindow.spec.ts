import type { Page } from '@playwright/test';
import { expect, test } from '../harness';
import { sendAndWait, ui } from './app';

/** How far the page and the shown view scroll sideways (0: not at all). */
function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    const view = document.querySelector<HTMLElement>('.view:not([hidden])');
    return {
      page: doc.scrollWidth - doc.clientWidth,
      view: view ? view.scrollWidth - view.clientWidth : -1,
    };
  });
}

/**
 * 640×400 CSS px is what a 1280×800 window shows at 200% zoom: the views stack their panes and
 * scroll down, never sideways, and every control is reachable by scrolling.
 */
test('at 640×400 (200% zoom) no view scrolls sideways and Send, Dry run and the lifecycle are reachable', async ({
  page,
  harness,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 640, height: 400 });
  const app = ui(page);
  await harness.open();
  expect(await sidewaysOverflow(page)).toEqual({ page: 0, view: 0 });

  for (const control of [app.send, app.dryRun, app.lifecycle]) {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
  }
  await app.dryRun.click();
  await expect(app.outcomeTitle).toHaveText('Dry run');
  await app.outcomeTitle.scrollIntoViewIfNeeded();
  await expect(app.outcomeTitle).toBeInViewport();
  expect(await sidewaysOverflow(page)).toEqual({ page: 0, view: 0 });

  await expectNoViewScrollsSideways(page);
});

test('at 1024×700 no view scrolls sideways either', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await harness.open();
  await sendAndWait(page, 'Delivered');
  await expectNoViewScrollsSideways(page);
});

/** Every view the rail offers, shown in turn. */
async function expectNoViewScrollsSideways(page: Page): Promise<void> {
  const rail = page.getByRole('navigation', { name: 'Views' }).getByRole('button');
  const count = await rail.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    const button = rail.nth(i);
    const id = ((await button.getAttribute('data-testid')) ?? '').replace(/^nav-/, '');
    await button.click();
    await expect(page.getByTestId(`view-${id}`)).toBeVisible();
    // The view's content is in (lists, charts) before it is measured.
    await page.waitForTimeout(300);
    expect(await sidewaysOverflow(page), `${id} scrolls sideways`).toEqual({ page: 0, view: 0 });
  }
}
