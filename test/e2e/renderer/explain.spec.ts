import { resolve } from 'node:path';
import { startWebHost } from '../../../electron/web/server';
import { expect, test, waitForEditor } from '../harness';
import { insertDraft, sendAndWait, ui } from './app';

test('the Sandbox note says what the Sandbox is, leads to Profiles, and stays dismissed on a new port', async ({
  page,
  harness,
}) => {
  await harness.open();
  const note = page.getByTestId('sandbox-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('Nothing sent to it reaches a real Marketo instance');

  await note.getByRole('button', { name: 'Open Profiles' }).click();
  await expect(page.getByTestId('view-profiles')).toBeVisible();
  await page.getByTestId('nav-tester').click();
  await expect(note).toBeVisible();

  await note.getByRole('button', { name: 'Dismiss the note about the Sandbox' }).click();
  await expect(note).toHaveCount(0);
  // Kept by core in the data folder, not in the page's storage.
  await expect
    .poll(async () => (await harness.core.handlers['app:preferences']({})).sandboxNoteDismissed)
    .toBe(true);

  // `event-tester ui` started again gets a new port, so a new origin with empty storage.
  const again = await startWebHost({
    handlers: harness.core.handlers,
    rendererDir: resolve('dist/renderer'),
  });
  try {
    expect(again.port).not.toBe(harness.host.port);
    await page.goto(again.url);
    await waitForEditor(page);
    await expect(ui(page).send).toBeVisible();
    await expect(page.getByTestId('sandbox-note')).toHaveCount(0);
  } finally {
    await page.goto('about:blank');
    await again.close();
  }
});

test('after a send, Dry run lists the token and the lookups as skipped, with why', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  await sendAndWait(page, 'Delivered');
  await app.dryRun.click();
  await expect(app.outcomeTitle).toHaveText('Dry run');
  await expect(app.outcomeReason).toHaveText(
    'Dry run: 1 call planned, nothing sent; 3 skipped because the access token and the lead are cached.',
  );
  const plan = app.view.getByTestId('plan');
  const skipped = plan.getByTestId('plan-skipped');
  await expect(skipped).toHaveCount(3);
  await expect(skipped.nth(0)).toContainText(/Skipped: a cached access token is valid for another \d+ min\./);
  await expect(skipped.nth(1)).toContainText(
    /Skipped: lead \d+ for email ada@example\.com was looked up under a minute ago \(cached\)\./,
  );
  // Only the call to make is numbered.
  await expect(plan.locator('.plan-index')).toHaveText(['', '', '', '1']);
});

test('problem counts read as words, and why Send is disabled is announced once it settles', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  await expect(app.problems.getByTestId('count-error')).toHaveText('0 errors,');
  await expect(app.problems.getByTestId('count-warning')).toHaveText('0 warnings,');
  await expect(app.problems.locator('span[aria-label]')).toHaveCount(0);

  await insertDraft(page, '{"type": "track", "userId": "u-1"}');
  await expect(app.problems.getByTestId('count-error')).toHaveText('1 error,');
  await expect(app.sendReason).toContainText('Fix 1 problem to send');
  // Not a live region itself: the shell's one says it, after the reason has stopped changing.
  await expect(app.sendReason).not.toHaveAttribute('aria-live');
  const reason = (await app.sendReason.innerText()).trim();
  await expect(page.getByTestId('live-region')).toHaveText(reason);
});
