import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../harness';
import { expectNoSecretsInPage, inView, sandboxSecrets, sendAndWait, ui } from './app';

test('Verify reads the delivered activity back and shows stored beside sent', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await page.getByTestId('verify-toggle').check();
  await sendAndWait(page, 'Delivered');
  const readBack = page.getByTestId('read-back');
  await expect(readBack).toContainText('as Marketo stored it');
  await expect(readBack.locator('tr.same')).not.toHaveCount(0);
  await expect(readBack.locator('tr.diff')).toHaveCount(0);
  await expect(readBack).toContainText('primaryAttributeValue');
  // token, lookup, post, then the read-back's paging token and page.
  await expect(app.pager).toHaveText('1 of 5');
  await expectNoSecretsInPage(page, await sandboxSecrets(harness));
});

test('a verified delivery opened from History shows the same stored-beside-sent comparison', async ({
  page,
  harness,
}) => {
  const tester = ui(page);
  await harness.open();
  await page.getByTestId('verify-toggle').check();
  await sendAndWait(page, 'Delivered');
  const sentView = tester.view.getByTestId('read-back');
  await expect(sentView).toContainText('as Marketo stored it');
  const caption = await sentView.locator('caption').innerText();
  const rows = await sentView.locator('tr').allTextContents();
  expect(rows.length).toBeGreaterThan(3);

  await page.getByTestId('nav-history').click();
  const history = inView(page.getByTestId('view-history'));
  await history.view.getByTestId('history-row').first().click();
  await expect(history.outcomeTitle).toHaveText('Delivered');
  const storedView = history.view.getByTestId('read-back');
  await expect(storedView.locator('caption')).toHaveText(caption);
  await expect(storedView.locator('tr')).toHaveText(rows);
  await expect(storedView.locator('tr.diff')).toHaveCount(0);
  await expect(history.pager).toHaveText('1 of 5');
  await expectNoSeriousA11yViolations(page, 'History with a read-back');
  await expectNoSecretsInPage(page, await sandboxSecrets(harness));
});
