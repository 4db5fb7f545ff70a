import { expect, test } from '../harness';
import { expectNoSecretsInPage, sandboxSecrets, sendAndWait, insertDraft, ui } from './app';

const track = (event: string, extra = '') =>
  `{"type": "track", "event": "${event}", "userId": "user-1001", "properties": {"webinar": "Marketo Masterclass"}, ` +
  `"context": {"traits": {"email": "ada@example.com"}}${extra}}`;

test('an unmapped track is rejected with its reason and no requests', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await insertDraft(page, track('Newsletter Opened'));
  await sendAndWait(page, 'Message Rejected');
  await expect(app.outcomeReason).toContainText('Newsletter Opened');
  await expect(page.getByTestId('no-requests')).toHaveText('No requests were sent.');
  await expect(app.pager).toHaveCount(0);
  await expect(page.getByTestId('interaction')).toHaveCount(0);
  expect(harness.core.sandbox.stats().totalCalls).toBe(0);
});

test('an event excluded by its integrations is skipped', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await insertDraft(page, track('Webinar Registered', ', "integrations": {"Marketo V2": false}'));
  await sendAndWait(page, 'Skipped');
  await expect(page.getByTestId('no-requests')).toBeVisible();
  await expect(app.outcomeReason).not.toHaveText('');
  expect(harness.core.sandbox.stats().totalCalls).toBe(0);
});

test('rate-limit faults show each retry attempt, then the delivery', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  harness.core.sandbox.faults.add({ kind: '606', count: 2, scope: 'activities' });

  await sendAndWait(page, 'Delivered');
  await expect(app.outcomeReason).toBeVisible();
  await expect(app.pager).toHaveText('1 of 5');

  const expected = [
    { step: 'Access token', attempt: 1, status: '200', transient: false },
    { step: 'Lead lookup', attempt: 1, status: '200', transient: false },
    { step: 'Custom activity post', attempt: 1, status: '200', transient: true },
    { step: 'Custom activity post', attempt: 2, status: '200', transient: true },
    { step: 'Custom activity post', attempt: 3, status: '200', transient: false },
  ];
  for (const [i, want] of expected.entries()) {
    await expect(app.pager).toHaveText(`${i + 1} of 5`);
    await expect(app.stepName).toHaveText(want.step);
    await expect(app.attempt).toHaveText(`Attempt ${want.attempt}`);
    if (want.transient) {
      await expect(app.classification).toContainText('Transient, will retry');
      await expect(app.classification).toContainText('606');
      await app.responseTab.click();
      await expect(app.responsePanel).toContainText('"code": "606"');
      await app.requestTab.click();
    } else {
      await expect(app.classification).toHaveCount(0);
    }
    if (i < expected.length - 1) await app.next.click();
  }
  await expect(app.next).toBeDisabled();
  expect(harness.core.sandbox.activities()).toHaveLength(1);
  expect(harness.core.sandbox.stats().faultsInjected).toBe(2);
  await expectNoSecretsInPage(page, await sandboxSecrets(harness));
});

test('a dry run shows the plan and sends nothing', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await app.dryRun.click();
  await expect(app.outcomeTitle).toHaveText('Dry run');
  const plan = page.getByTestId('plan');
  const calls = plan.locator('.plan-call');
  await expect(calls).toHaveCount(4);
  await expect(calls.nth(0)).toContainText('Access token');
  await expect(calls.nth(0)).toContainText('client_secret=[REDACTED]');
  await expect(calls.nth(1)).toContainText('Lead lookup');
  await expect(plan).toContainText('/rest/v1/leads.json?filterType=email');
  await expect(calls.nth(3)).toContainText('Custom activity post');
  await expect(calls.nth(3)).toContainText('"leadId": "{{leadId}}"');
  await expect(calls.nth(3)).toContainText('"primaryAttributeValue": "Marketo Masterclass"');
  await expect(page.getByTestId('interaction')).toHaveCount(0);
  expect(harness.core.sandbox.stats().totalCalls).toBe(0);
  expect(harness.core.sandbox.stats().identityCalls).toBe(0);
});

test('live progress shows each exchange while the send is still running', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  // Hold the activity post back so the token and lookup arrive (as event:progress pushes) first.
  // Held long enough for a loaded CI machine to look; the test waits for the result either way.
  harness.core.sandbox.faults.add({ kind: 'delay', delayMs: 8_000, scope: 'activities', count: 1 });
  await app.send.click();
  const sending = page.getByTestId('sending');
  await expect(sending).toContainText('2 requests so far');
  await expect(app.pager).toHaveText('2 of 2');
  await expect(app.stepName).toHaveText('Lead lookup');
  await expect(sending).toContainText('Sending…');
  await expect(app.send).toBeDisabled();
  await expect(app.send).toContainText('Sending…');
  await expect(app.outcomeTitle).toHaveText('Delivered', { timeout: 20_000 });
  await expect(app.pager).toHaveText('1 of 3');
});
