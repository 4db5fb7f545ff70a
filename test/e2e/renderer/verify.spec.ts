import { expect, test } from '../harness';
import { expectNoSecretsInPage, sandboxSecrets, sendAndWait, ui } from './app';

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
