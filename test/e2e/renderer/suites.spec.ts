import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../harness';
import { inView, insertDraft, ui } from './app';

/** The Suites view over the real web host: example suites run against the Sandbox, cancel, save. */
const suites = (page: Page) => {
  const view = page.getByTestId('view-suites');
  return {
    ...inView(view),
    path: view.getByTestId('suite-path'),
    open: view.getByTestId('suite-open'),
    cases: view.getByTestId('suite-case'),
    runAll: view.getByTestId('run-all'),
    cancel: view.getByTestId('run-cancel'),
    progress: view.getByTestId('run-progress'),
    counts: view.getByTestId('run-counts'),
    message: view.getByTestId('suite-message'),
  };
};

async function openSuite(page: Page, path: string): Promise<ReturnType<typeof suites>> {
  await page.keyboard.press('ControlOrMeta+7');
  const s = suites(page);
  await expect(s.view).toBeVisible();
  await s.path.fill(path);
  await s.open.click();
  return s;
}

for (const example of ['webinar-funnel', 'trial-sign-up', 'rejection-gallery']) {
  test(`the example suite ${example} runs in the app against the Sandbox and every case passes`, async ({
    page,
    harness,
  }) => {
    await harness.open();
    const s = await openSuite(page, resolve(`docs/suites/${example}.suite.json`));
    await expect(s.cases.first()).toBeVisible();
    const total = await s.cases.count();
    await s.runAll.click();
    await expect(s.progress).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
    await expect(s.counts).toContainText(`${total} executed · ${total} passed · 0 failed · 0 skipped`);
    await expect(s.cases.and(page.locator('[data-status="passed"]'))).toHaveCount(total);
    // A case opens its lifecycle in the shared viewer; the run is listed among past runs.
    await s.cases.first().getByTestId('case-open').click();
    await expect(s.outcomeTitle).toBeVisible();
    await expect(s.view.getByTestId('past-runs')).toContainText('Past runs (1)');
    await expectNoSeriousA11yViolations(page, `Suites, ${example} after its run`);
    if (example === 'webinar-funnel') {
      // Suite cases go out through the batched path: each exchange says which record was this case's.
      await s.cases.last().getByTestId('case-open').click();
      await expect(s.view.getByTestId('batch-mark')).toHaveText(/^record \d+ of \d+ in this batch$/);
    }
  });
}

test('Cancel midway keeps the cases that finished and skips the rest', async ({ page, harness }) => {
  await harness.open();
  // The funnel's second case reads its activity back (sent alone); holding that read back leaves
  // the first case finished and the run in flight.
  harness.core.sandbox.faults.add({ kind: 'delay', scope: 'activity-reads', count: 20, delayMs: 1_500 });
  const s = await openSuite(page, resolve('docs/suites/webinar-funnel.suite.json'));
  await s.runAll.click();
  await expect(s.counts).toContainText('1 executed · 1 passed', { timeout: 20_000 });
  await s.cancel.click();
  await expect(s.progress).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(s.cases.first()).toHaveAttribute('data-status', 'passed');
  // The case in flight when Cancel came reports what it got; the ones not started are skipped.
  await expect(s.cases.nth(2)).toHaveAttribute('data-status', 'skipped');
  await expect(s.cases.last()).toHaveAttribute('data-status', 'skipped');
});

test('events saved to a new suite from the Tester are saved to a file and reopened', async ({
  page,
  harness,
}) => {
  await harness.open();
  const app = ui(page);
  await insertDraft(
    page,
    '{"type":"identify","userId":"u-1","traits":{"email":"grace@example.org","firstName":"Grace"}}',
  );
  await app.view.getByTestId('save-to-suite').click();
  await insertDraft(
    page,
    '{"type":"track","event":"Webinar Registered","userId":"u-1","context":{"traits":{"email":"grace@example.org"}},"properties":{"webinar":"Autumn"}}',
  );
  await app.view.getByTestId('save-to-suite').click();

  await page.keyboard.press('ControlOrMeta+7');
  const s = suites(page);
  await expect(s.cases).toHaveCount(2);
  await s.view.getByTestId('suite-name').fill('Built in the app');
  // Edit a case in the Tester and take it back.
  await s.cases.nth(1).getByTestId('case-edit').click();
  await expect(app.view).toBeVisible();
  await app.view.getByTestId('update-case').click();
  await expect(s.view).toBeVisible();

  const file = join(harness.userDataDir, 'built.suite.json');
  await s.path.fill(file);
  await s.view.getByTestId('suite-save-as').click();
  await expect(s.message).toContainText('Saved built.suite.json');

  // Unsaved edits are dropped only when the user says so.
  await s.cases.first().getByTestId('case-name').fill('renamed, not saved');
  page.once('dialog', (dialog) => void dialog.dismiss());
  await s.view.getByTestId('suite-new').click();
  await expect(s.cases).toHaveCount(2);
  page.once('dialog', (dialog) => void dialog.accept());
  await s.view.getByTestId('suite-new').click();
  await expect(s.cases).toHaveCount(0);
  await s.path.fill(file);
  await s.open.click();
  await expect(s.cases).toHaveCount(2);
  await expect(s.view.getByTestId('suite-name')).toHaveValue('Built in the app');
  await expect(s.cases.nth(1).getByTestId('case-name')).toHaveValue('2. track Webinar Registered');
  await s.runAll.click();
  await expect(s.progress).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
});

test('a run against a production profile asks first with the calls it will use and the calls left today', async ({
  page,
  harness,
}) => {
  await harness.open();
  const { url, credentials } = harness.core.sandbox;
  await page.getByTestId('nav-profiles').click();
  await page.getByTestId('new-profile').click();
  const editor = page.getByTestId('profile-editor');
  await editor.getByTestId('profile-name').fill('Acme Production');
  await editor.getByTestId('profile-endpoint').fill(`${url}/rest`);
  await editor.getByTestId('profile-client-id').fill(credentials.clientId);
  await editor.getByTestId('profile-client-secret').fill(credentials.clientSecret);
  await editor.getByTestId('profile-production').check();
  await editor.getByTestId('save-profile').click();
  await expect(editor.getByTestId('profile-notice')).toHaveText('Saved “Acme Production”.');
  await editor.getByTestId('use-profile').click();

  const s = await openSuite(page, resolve('docs/suites/webinar-funnel.suite.json'));
  await s.runAll.click();
  // The Tester's top bar has its own (hidden with its view); this is the Suites view's.
  const confirm = s.view.getByTestId('production-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('Acme Production');
  await expect(confirm.getByTestId('confirm-call-count')).not.toHaveText('0');
  await expect(confirm).toContainText('left today');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(s.progress).toBeHidden();
  // Confirmed, it runs (this profile maps no track event, so those cases fail their expectation).
  await s.runAll.click();
  await confirm.getByTestId('confirm-send').click();
  await expect(s.progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(s.counts).toContainText('5 executed');
});
