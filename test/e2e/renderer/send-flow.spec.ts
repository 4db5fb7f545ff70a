import { expect, test } from '../harness';
import { editorText, expectNoSecretsInPage, focusEditor, sandboxSecrets, typeDraft, ui } from './app';

// A track without its `event` name: valid JSON, invalid Segment.
const TRACK_WITHOUT_EVENT =
  '{"type": "track", "userId": "user-1001", "properties": {"webinar": "Marketo Masterclass", "seats": 3}, ' +
  '"context": {"traits": {"email": "ada@example.com"}}}';

test('a schema error blocks Send; fixed, the event is delivered and every exchange can be paged', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();

  await typeDraft(page, TRACK_WITHOUT_EVENT);

  // The error shows in the problems list, as a Monaco marker, and as the reason Send is disabled.
  await expect(app.problems).toContainText('$.event is required');
  await expect(app.send).toBeDisabled();
  await expect(app.dryRun).toBeDisabled();
  await expect(app.sendReason).toHaveText(/Fix 1 problem to send: \$\.event is required/);
  // The schema's own diagnostic (from Monaco's JSON worker): a squiggle whose hover and F8 view say why.
  await page.keyboard.press('ControlOrMeta+Home');
  const marker = page.locator('.monaco-editor .squiggly-error').first();
  await expect(marker).toBeVisible();
  await page.keyboard.press('F8');
  await expect(page.locator('.monaco-editor .marker-widget')).toContainText('Missing property "event"');
  await page.keyboard.press('Escape');
  // Closing the F8 view removes its zone and Monaco draws the squiggle again: wait for that first.
  await expect(page.locator('.monaco-editor .marker-widget')).toHaveCount(0);
  await expect(marker).toBeVisible();
  await expect(async () => {
    await marker.hover({ force: true, timeout: 2_000 }); // the text layer sits over the squiggle, as for a user
    await expect(page.locator('.monaco-hover').first()).toContainText('Missing property "event"', {
      timeout: 2_000,
    });
  }).toPass();

  // Ctrl+Enter while invalid sends nothing.
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('lifecycle-empty')).toBeVisible();
  expect(harness.core.sandbox.stats().totalCalls).toBe(0);

  // Fix it by typing the missing member after the opening brace.
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('"event": "Webinar Registered", ', { delay: 5 });
  await page.keyboard.press('Escape');
  expect(await editorText(page)).toContain('{"event": "Webinar Registered", "type": "track"');
  await expect(app.problems).toContainText('Valid Segment event');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
  await expect(app.send).toBeEnabled();
  await expect(app.sendReason).toHaveText('');

  // Ctrl+Enter in the editor sends.
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.outcomeTitle).toHaveText('Delivered');
  await expect(app.outcomeReason).toContainText('lead 1001');
  await expect(app.pager).toHaveText('1 of 3');
  await expect(app.prev).toBeDisabled();

  // 1: the access token, secrets redacted.
  await expect(app.stepName).toHaveText('Access token');
  await expect(app.attempt).toHaveText('Attempt 1');
  await expect(app.requestMethod).toHaveText('GET');
  await expect(app.requestUrl).toContainText('/identity/oauth/token?grant_type=client_credentials');
  await expect(app.requestUrl).toContainText('client_secret=[REDACTED]');
  await app.responseTab.click();
  await expect(app.responseTab).toHaveAttribute('aria-selected', 'true');
  await expect(app.responseStatus).toHaveText('200');
  await expect(app.responsePanel).toContainText('"access_token": "[REDACTED]"');

  // 2 (button): the lead lookup by email; the chosen tab stays while paging.
  await app.next.click();
  await expect(app.pager).toHaveText('2 of 3');
  await expect(app.stepName).toHaveText('Lead lookup');
  await expect(app.responseStatus).toHaveText('200');
  await expect(app.responsePanel).toContainText('"id": 1001');
  await app.requestTab.click();
  await expect(app.requestMethod).toHaveText('GET');
  await expect(app.requestUrl).toContainText(
    '/rest/v1/leads.json?filterType=email&filterValues=ada%40example.com',
  );
  await expect(app.requestPanel).toContainText('Bearer [REDACTED]');

  // 3 (button): the custom activity post with the mapped primary value and attributes.
  await app.next.click();
  await expect(app.pager).toHaveText('3 of 3');
  await expect(app.next).toBeDisabled();
  await expect(app.stepName).toHaveText('Custom activity post');
  await expect(app.requestMethod).toHaveText('POST');
  await expect(app.requestUrl).toContainText('/rest/v1/activities/external.json');
  await expect(app.requestPanel).toContainText('"activityTypeId": 100101');
  await expect(app.requestPanel).toContainText('"primaryAttributeValue": "Marketo Masterclass"');
  await expect(app.requestPanel).toContainText('"leadId": 1001');
  await app.responseTab.click();
  await expect(app.responseStatus).toHaveText('200');
  await expect(app.responsePanel).toContainText('"status": "added"');

  // Keys, with the panel focused: left to the first, clamped there, right back to the last.
  await app.lifecycle.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(app.pager).toHaveText('2 of 3');
  await expect(app.stepName).toHaveText('Lead lookup');
  await page.keyboard.press('ArrowLeft');
  await expect(app.stepName).toHaveText('Access token');
  await page.keyboard.press('ArrowLeft');
  await expect(app.pager).toHaveText('1 of 3');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(app.pager).toHaveText('3 of 3');
  await expect(app.stepName).toHaveText('Custom activity post');

  // Where the arrows already mean something they do not page: the body's search moves its caret.
  const search = app.responsePanel.getByRole('searchbox').first();
  await search.focus();
  await page.keyboard.type('added');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(app.pager).toHaveText('3 of 3');
  expect(await search.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(3);

  // What the lifecycle shows is what the sandbox received.
  const activities = harness.core.sandbox.activities();
  expect(activities).toHaveLength(1);
  expect(activities[0]).toMatchObject({
    leadId: 1001,
    activityTypeId: 100101,
    primaryAttributeValue: 'Marketo Masterclass',
  });

  // No secret anywhere in the DOM or the editor: only [REDACTED].
  await expectNoSecretsInPage(page, await sandboxSecrets(harness));
});
