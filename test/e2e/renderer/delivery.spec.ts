import type { Page } from '@playwright/test';
import { openStore } from '../../../electron/core/store';
import { expect, test } from '../harness';
import { editorText, ui } from './app';
import { deliverMix } from './deliveryMix';

const delivery = (page: Page) => {
  const view = page.getByTestId('view-delivery');
  return {
    view,
    card: (id: string) => view.getByTestId(`card-${id}`).getByTestId('card-value'),
    issues: view.getByTestId('issue-row'),
    issue: (code: string) => view.locator(`[data-testid="issue-row"][data-code="${code}"]`),
    pane: view.getByTestId('issue-pane'),
    examples: view.getByTestId('example-row'),
    pager: view.getByTestId('pager-label'),
  };
};

/**
 * Hourly trend buckets sit on whole hours, so a mix sent across the top of an hour would fall into two
 * of them: close to one, wait for it to pass (at most two minutes).
 */
async function notNearTheHour(): Promise<void> {
  const intoHour = Date.now() % 3_600_000;
  if (intoHour > 58 * 60_000)
    await new Promise((resolve) => setTimeout(resolve, 3_600_000 - intoHour + 1000));
}

test('Delivery shows the counts, buckets and issues of a mix sent with faults on, with examples and lifecycles', async ({
  page,
  harness,
}) => {
  test.setTimeout(210_000);
  await notNearTheHour();
  // 25 unmapped events: an issue with 25 examples.
  await deliverMix(harness, 25);
  const store = openStore({ dataDir: harness.userDataDir });
  const now = new Date();
  const counts = store.deliveries.countOutcomes({
    since: new Date(now.getTime() - 86_400_000),
    until: new Date(now.getTime() + 60_000),
  });
  const total = store.deliveries.list({ limit: 1 }).total;
  store.close();
  expect(counts).toMatchObject({ rejected: 25, skipped: 0 });
  expect(counts.delivered + counts.failed + counts.uncertain).toBe(4);

  await harness.open();
  await page.getByTestId('nav-delivery').click();
  const d = delivery(page);
  await expect(d.view.getByTestId('delivery-view')).toHaveAttribute('data-ready', 'true');

  // Summary: the store's counts for the last 24 hours.
  await expect(d.card('delivered')).toHaveText(String(counts.delivered));
  await expect(d.card('rejected')).toHaveText(String(counts.rejected));
  await expect(d.card('failed')).toHaveText(String(counts.failed));
  await expect(d.card('uncertain')).toHaveText(String(counts.uncertain));
  await expect(d.card('retriedDelivered')).toHaveText('1');
  await expect(d.card('successRate')).toHaveText(`${((counts.delivered / total) * 100).toFixed(1)} %`);

  // Trends: one-hour buckets on whole hours (24, or 25 with a partial first and last); every delivery
  // is in the last, whose hover readout says so.
  await expect(d.view.getByTestId('bucket-size')).toHaveText(/^2[45] buckets of 1 h$/);
  const plot = d.view.getByTestId('outcome-chart').locator('.u-over');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  const readout = d.view.getByTestId('outcome-chart-readout');
  await expect(readout).toBeVisible();
  const value = (label: string) =>
    readout.locator('dl > div').filter({ hasText: label }).first().locator('dd');
  await expect(value('Delivered')).toHaveText(String(counts.delivered));
  await expect(value('Rejected')).toHaveText(String(counts.rejected));
  // An empty bucket earlier in the period has no issues.
  await page.mouse.click(box.x + 8, box.y + box.height / 2);
  await expect(d.view.getByTestId('bucket-filter')).toBeVisible();
  await expect(d.view.getByTestId('no-issues')).toBeVisible();
  await d.view.getByTestId('bucket-filter').click();

  // Issues: as the handlers group them from the store.
  const expected = await harness.core.handlers['delivery:issues']({ period: '24h' });
  await expect(d.issues).toHaveCount(expected.issues.length);
  for (const issue of expected.issues) {
    await expect(d.issue(issue.code).getByTestId('issue-count')).toHaveText(String(issue.count));
  }
  expect(expected.issues.map((i) => i.code).sort()).toEqual(['1006', '606', 'TIMEOUT', 'UNMAPPED_EVENT']);
  await expect(d.issue('UNMAPPED_EVENT')).toContainText('Yours to fix');
  await expect(d.issue('606')).toContainText('not yours to fix');
  await expect(d.issue('TIMEOUT')).toContainText('not yours to fix');

  // 25 examples exist, 20 are shown, newest first.
  await d.issue('UNMAPPED_EVENT').click();
  await expect(d.pane.getByTestId('examples-count')).toHaveText('The newest 20 of 25 examples');
  await expect(d.examples).toHaveCount(20);

  // An example's full lifecycle, paged; then into the Tester.
  await d.pane.getByRole('button', { name: 'Close the issue' }).click();
  await expect(d.pane).toBeHidden();
  await d.issue('1006').click();
  await expect(d.pane.getByTestId('issue-remedy')).toContainText('API name');
  await expect(d.examples).toHaveCount(1);
  await d.examples.first().click();
  await expect(d.pager).toHaveText('1 of 3');
  await d.pane.getByRole('button', { name: 'Next request' }).click();
  await expect(d.pager).toHaveText('2 of 3');
  await d.pane.getByRole('button', { name: 'Next request' }).click();
  await expect(d.pager).toHaveText('3 of 3');
  await expect(
    d.pane.getByTestId('response-panel').or(d.pane.getByTestId('classification')).first(),
  ).toBeAttached();
  await d.pane.getByTestId('open-in-tester').click();
  await expect(ui(page).view).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('"channel": "email"');
});
