import { expect, test } from '../harness';
import { sandboxSecrets, sendAndWait, ui } from './app';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a lead lookup that keeps failing with 606: the last try gave up (red), the code is Marketo 606, not 200', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  harness.core.sandbox.faults.add({ kind: '606', count: 50, scope: 'leads' });
  await app.send.click();
  await expect(app.outcomeTitle).not.toHaveText(/Sending/);
  await expect(app.outcomeTitle).toHaveText(/Failed|Not delivered|Uncertain/);
  const total = Number((await app.pager.textContent())?.split(' of ')[1]);
  expect(total).toBeGreaterThan(2);

  // The first lookup attempt was retried; the last one gave up.
  await app.view.getByRole('list', { name: 'Requests' }).getByRole('button').nth(1).click();
  await expect(app.classification).toContainText('Transient, will retry');
  await expect(app.view.getByTestId('interaction-status')).toHaveText(/Marketo 606/);
  await app.view.getByRole('list', { name: 'Requests' }).getByRole('button').last().click();
  await expect(app.classification).toContainText('Transient, gave up');
  await expect(app.classification).toHaveClass(/kind-fatal/);
  await expect(
    app.view.getByRole('list', { name: 'Requests' }).getByRole('button').last(),
  ).toHaveAccessibleName(/failed$/);
  await app.responseTab.click();
  await expect(app.responseStatus).toHaveText('Marketo 606');
  await expect(app.responsePanel).toContainText('error inside HTTP 200 OK');

  // The timing waterfall: every request, the back-offs before retries, the total.
  const timing = app.view.getByTestId('waterfall');
  await timing.locator('summary').click();
  await expect(timing.locator('tbody tr')).toHaveCount(total);
  await expect(timing.locator('summary')).toContainText(/total \d/);
  await expect(timing.locator('tbody tr').nth(2)).toContainText('attempt 2');
});

test('copy as cURL and the whole exchange (redacted, with a note); export JSON and HAR', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  await sendAndWait(page, 'Delivered');
  const secrets = await sandboxSecrets(harness);

  await app.view.getByRole('button', { name: 'Copy as cURL' }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toMatch(/^# Secrets .* \[REDACTED\]/);
  expect(curl).toContain("curl -X GET 'http://127.0.0.1:");
  expect(curl).toContain('client_secret=[REDACTED]');

  await app.next.click();
  await app.view.getByRole('button', { name: 'Copy exchange' }).click();
  const exchange = await page.evaluate(() => navigator.clipboard.readText());
  expect(exchange).toContain('GET http://127.0.0.1:');
  expect(exchange).toContain('HTTP 200 OK');
  expect(exchange).toContain('"id": 1001');

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    app.view.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  let jsonText = '';
  for await (const chunk of await json.createReadStream()) jsonText += chunk;
  expect(JSON.parse(jsonText).interactions).toHaveLength(3);

  const [har] = await Promise.all([
    page.waitForEvent('download'),
    app.view.getByRole('button', { name: 'Export HAR' }).click(),
  ]);
  expect(har.suggestedFilename()).toMatch(/\.har$/);
  let harText = '';
  for await (const chunk of await har.createReadStream()) harText += chunk;
  const log = JSON.parse(harText).log;
  expect(log.version).toBe('1.2');
  expect(log.entries).toHaveLength(3);
  expect(log.entries[1].response.status).toBe(200);

  for (const secret of secrets) {
    for (const text of [curl, exchange, jsonText, harText]) expect(text.includes(secret)).toBe(false);
  }
});
