import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../harness';
import { ui } from './app';

/** Cancel for a send in flight, against a Sandbox that holds its answers back (a slow Marketo). */
const HELD_MS = 60_000;

const cancelButton = (page: Page) => ui(page).view.getByTestId('cancel-send');

async function expectInHistory(page: Page, outcome: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+2');
  const top = page.getByTestId('view-history').getByTestId('history-row').first();
  await expect(top.getByTestId('history-outcome')).toHaveText(outcome);
  await expect(top).toContainText('track · Webinar Registered');
}

test('Cancel stops a send held at the lead lookup: Cancelled, nothing posted, Send back, in History', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  harness.core.sandbox.faults.add({ kind: 'delay', delayMs: HELD_MS, scope: 'leads', count: 1 });
  await app.send.click();
  await expect(page.getByTestId('sending')).toContainText('Sending…');
  await expect(app.send).toBeDisabled();
  // The lookup is on the wire (the Sandbox took it) before Cancel is pressed.
  await expect.poll(() => harness.core.sandbox.faults.list().length).toBe(0);
  await expectNoSeriousA11yViolations(page, 'Tester, sending, with Cancel');
  await cancelButton(page).click();

  await expect(app.outcomeTitle).toHaveText('Cancelled');
  await expect(app.outcomeReason).toHaveText('Cancelled before anything was posted to Marketo.');
  await expect(page.getByTestId('outcome')).toBeFocused();
  await expect(cancelButton(page)).toHaveCount(0);
  await expect(app.send).toBeEnabled();
  await expectNoSeriousA11yViolations(page, 'Tester, after a cancelled send');
  // The cut-off lookup is in the lifecycle with its error.
  await expect(app.pager).toHaveText('1 of 2');
  await app.next.click();
  await expect(app.stepName).toHaveText('Lead lookup');
  await expect(app.lifecycle).toContainText('ABORTED');
  expect(harness.core.sandbox.activities()).toEqual([]);

  await expectInHistory(page, 'Failed');
});

test('Escape on the lifecycle panel cancels a post held on the wire: Uncertain, saying what to check', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  harness.core.sandbox.faults.add({ kind: 'delay', delayMs: HELD_MS, scope: 'activities', count: 1 });
  // Send from the keyboard: Send disables itself, so focus goes to the lifecycle panel.
  await app.send.focus();
  await page.keyboard.press('Enter');
  await expect(app.lifecycle).toBeFocused();
  await expect(cancelButton(page)).toBeVisible();
  await expect.poll(() => harness.core.sandbox.activities().length).toBe(1);
  await page.keyboard.press('Escape');

  await expect(app.outcomeTitle).toHaveText('Uncertain');
  await expect(app.outcomeReason).toContainText('cancelled while the activity post was in flight');
  await expect(page.getByTestId('outcome')).toContainText(/check lead \d+'s activity log/);
  await expect(page.getByTestId('outcome')).toBeFocused();
  await expect(app.send).toBeEnabled();

  await expectInHistory(page, 'Uncertain');
});

test('Tab reaches Cancel; Enter on it shows Cancelling…, then the cancelled outcome', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  harness.core.sandbox.faults.add({ kind: 'delay', delayMs: HELD_MS, scope: 'leads', count: 1 });
  await app.send.focus();
  await page.keyboard.press('Enter');
  await expect(app.lifecycle).toBeFocused();
  const cancel = cancelButton(page);
  await expect(cancel).toBeVisible();
  for (let tabs = 0; tabs < 20 && !(await cancel.evaluate((el) => el === document.activeElement)); tabs++)
    await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await expect(cancel).toHaveAccessibleName('Cancel');

  // The cancel request waits at the door, so the wind-down state stays on screen to be seen.
  let letCancelThrough: () => void = () => {};
  const gate = new Promise<void>((open) => (letCancelThrough = open));
  await page.route('**/ipc/event:cancel', async (route) => {
    await gate;
    await route.continue();
  });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sending')).toContainText('Cancelling…');
  await expect(cancel).toHaveText('Cancelling…');
  await expect(cancel).toHaveAttribute('aria-disabled', 'true');
  await expect(cancel).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'Tester, cancelling');
  letCancelThrough();
  await expect(app.outcomeTitle).toHaveText('Cancelled');
  await expect(page.getByTestId('outcome')).toBeFocused();
  await expect(app.send).toBeEnabled();
});
