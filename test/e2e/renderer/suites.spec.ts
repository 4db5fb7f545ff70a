import { readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Three seeded people register for three webinars: the runner batches them into one lookup (three
 * filterValues) and one activities post (three records). The third case expects a rejection it does
 * not get, so it fails: a result that can be told apart from the others when cases move.
 */
function writeBatchedSuite(dir: string): string {
  const track = (email: string, webinar: string) => ({
    type: 'track',
    event: 'Webinar Registered',
    userId: `user-${email.split('@')[0]}`,
    context: { traits: { email } },
    properties: { webinar },
    timestamp: '{{$timestamp}}',
  });
  const file = join(dir, 'batched.suite.json');
  const suite = {
    formatVersion: 1,
    name: 'Batched registrations',
    cases: [
      { name: 'Ada registers', event: track('ada@example.com', 'Alpha'), expect: { outcome: 'delivered' } },
      {
        name: 'Grace registers',
        event: track('grace@example.com', 'Beta'),
        expect: { outcome: 'delivered' },
      },
      {
        name: 'Linus, wrongly expected rejected',
        event: track('linus@example.com', 'Gamma'),
        expect: { outcome: 'rejected' },
      },
    ],
  };
  writeFileSync(file, JSON.stringify(suite, null, 2));
  return file;
}

/** Pages the opened lifecycle forward (or back) to a request of this step. */
async function pageToStep(s: ReturnType<typeof suites>, step: RegExp, back = false): Promise<void> {
  await expect(s.pager).toBeVisible();
  for (let i = 0; i < 8 && !step.test(await s.stepName.innerText()); i++)
    await (back ? s.prev : s.next).click();
  await expect(s.stepName).toHaveText(step);
}

test('a case opened from a batched run marks its own record in the batched bodies and shows it on request', async ({
  page,
  harness,
}) => {
  await harness.open();
  const s = await openSuite(page, writeBatchedSuite(harness.userDataDir));
  await s.runAll.click();
  await expect(s.progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(s.counts).toContainText('3 executed · 2 passed · 1 failed');
  const marked = s.requestPanel.locator('.json-line.marked');

  // Grace's case: her record is the second of three in the post, and only hers is marked.
  await s.cases.nth(1).getByTestId('case-open').click();
  await pageToStep(s, /Custom activity post/);
  await expect(s.view.getByTestId('batch-mark')).toHaveText('record 2 of 3 in this batch');
  await expect(marked.first()).toContainText('{');
  await expect(marked.first()).toContainText('Start of this event’s record');
  await expect(marked).toContainText(['"Beta"']);
  await expect(s.requestPanel.locator('.json-line.marked', { hasText: 'Alpha' })).toHaveCount(0);
  await expect(s.requestPanel.locator('.json-line.marked', { hasText: 'Gamma' })).toHaveCount(0);
  // Its answer in the response's result, by the same position.
  await s.responseTab.click();
  const result = s.responsePanel.locator('.json-line.marked');
  await expect(result.first()).toContainText('Start of this event’s result');
  await expect(result).toContainText(['"added"']);
  await expectNoSeriousA11yViolations(page, 'Suites, a batched case’s marked result');
  await s.requestTab.click();

  // Linus's case marks the third record, below the body's fold until "Show this event's record".
  await s.cases.nth(2).getByTestId('case-open').click();
  await pageToStep(s, /Custom activity post/);
  await expect(s.view.getByTestId('batch-mark')).toHaveText('record 3 of 3 in this batch');
  await expect(marked).toContainText(['"Gamma"']);
  await expect(s.requestPanel.locator('.json-line.marked', { hasText: 'Beta' })).toHaveCount(0);
  await expect(marked.first()).not.toBeInViewport();
  await s.requestPanel.getByTestId('show-mark').click();
  await expect(marked.first()).toBeInViewport();
  await expect(page.getByTestId('live-region')).toContainText('this event’s record');
  // Folded away, the record is opened again by the same button.
  await s.requestPanel.getByRole('button', { name: 'Collapse all' }).click();
  await expect(marked).toHaveCount(0);
  await s.requestPanel.getByTestId('show-mark').click();
  await expect(marked).toContainText(['"Gamma"']);
  await expect(marked.first()).toBeInViewport();
  await expectNoSeriousA11yViolations(page, 'Suites, a batched case’s marked record');

  // The batched lookup: this case's value among the three filterValues.
  await pageToStep(s, /Lead lookup/, true);
  await expect(s.requestPanel.getByTestId('own-lookup-value')).toContainText('linus@example.com');
  await expect(s.requestPanel.getByTestId('own-lookup-value')).toContainText('value 3 of 3');
});

test('in a 250-record post (drawn line by line) "Show this event’s record" scrolls to a record far down', async ({
  page,
  harness,
}) => {
  await harness.open();
  const people = ['ada', 'grace', 'linus'];
  const cases = Array.from({ length: 250 }, (_, i) => ({
    name: `registers for W-${i}`,
    event: {
      type: 'track',
      event: 'Webinar Registered',
      userId: `user-${people[i % 3]}`,
      context: { traits: { email: `${people[i % 3]}@example.com` } },
      properties: { webinar: `W-${i}`, seats: 2, channel: 'email' },
    },
    expect: { outcome: 'delivered' },
  }));
  const file = join(harness.userDataDir, 'big.suite.json');
  writeFileSync(file, JSON.stringify({ formatVersion: 1, name: 'Big batch', cases }));
  const s = await openSuite(page, file);
  await s.runAll.click();
  await expect(s.progress).toHaveAttribute('data-status', 'passed', { timeout: 60_000 });
  await s.cases.nth(199).getByTestId('case-open').click();
  await pageToStep(s, /Custom activity post/);
  await expect(s.view.getByTestId('batch-mark')).toHaveText('record 200 of 250 in this batch');
  // Line by line: only the lines in view are drawn, so the record is not in the page until shown.
  await expect(s.requestPanel.getByTestId('body-lines')).toBeVisible();
  const marked = s.requestPanel.locator('.json-line.marked');
  await expect(marked).toHaveCount(0);
  await s.requestPanel.getByTestId('show-mark').click();
  await expect(marked.first()).toContainText('Start of this event’s record');
  await expect(marked).toContainText(['"W-199"']);
  await expect(marked.first()).toBeInViewport();
  await expect(s.requestPanel.locator('.json-line.marked', { hasText: 'W-198' })).toHaveCount(0);
});

test('results stay with their cases when cases are moved, duplicated, deleted or renamed; an edited case’s is stale', async ({
  page,
  harness,
}) => {
  await harness.open();
  const s = await openSuite(page, writeBatchedSuite(harness.userDataDir));
  await s.runAll.click();
  await expect(s.progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  const rows = async () =>
    s.cases.evaluateAll((items) =>
      items.map(
        (li) =>
          `${(li.querySelector('[data-testid="case-name"]') as HTMLInputElement).value}: ${li.getAttribute('data-status')}${li.hasAttribute('data-stale') ? ' (stale)' : ''}`,
      ),
    );
  await expect
    .poll(rows)
    .toEqual([
      'Ada registers: passed',
      'Grace registers: passed',
      'Linus, wrongly expected rejected: failed',
    ]);

  // Moved up by the button and by Alt+Up: the failed result travels with Linus's case.
  await s.cases
    .nth(2)
    .getByRole('button', { name: /Move .* up/ })
    .click();
  await expect
    .poll(rows)
    .toEqual([
      'Ada registers: passed',
      'Linus, wrongly expected rejected: failed',
      'Grace registers: passed',
    ]);
  await s.cases.nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect
    .poll(rows)
    .toEqual([
      'Linus, wrongly expected rejected: failed',
      'Ada registers: passed',
      'Grace registers: passed',
    ]);
  // The moved case still opens its own lifecycle.
  await s.cases.first().getByTestId('case-open').click();
  await pageToStep(s, /Custom activity post/);
  await expect(s.view.getByTestId('batch-mark')).toHaveText('record 3 of 3 in this batch');

  // A duplicate has not run; deleting and renaming other cases leaves the results alone.
  await s.cases
    .nth(1)
    .getByRole('button', { name: /Duplicate/ })
    .click();
  await s.cases.nth(3).getByTestId('case-delete').click();
  await s.cases.first().getByTestId('case-name').fill('Linus, renamed');
  await expect
    .poll(rows)
    .toEqual(['Linus, renamed: failed', 'Ada registers: passed', 'Ada registers (copy): none']);

  // Edited in the Tester and taken back: the result is still shown, marked stale.
  await s.cases.nth(1).getByTestId('case-edit').click();
  const app = ui(page);
  await insertDraft(
    page,
    '{"type":"track","event":"Webinar Registered","userId":"user-ada","context":{"traits":{"email":"ada@example.com"}},"properties":{"webinar":"Delta"}}',
  );
  await app.view.getByTestId('update-case').click();
  await expect(s.view).toBeVisible();
  await expect
    .poll(rows)
    .toEqual(['Linus, renamed: failed', 'Ada registers: passed (stale)', 'Ada registers (copy): none']);
  await expect(s.cases.nth(1).getByTestId('case-stale')).toHaveText('stale: edited after it ran');
  await expectNoSeriousA11yViolations(page, 'Suites, a stale result');
});

test('a suite’s variables are added, refused with a reason, changed, saved and reopened; undefined names are listed', async ({
  page,
  harness,
}) => {
  await harness.open();
  // The example, copied (saving must not touch docs/), with one more case that uses {{plan}}.
  const example = JSON.parse(readFileSync(resolve('docs/suites/trial-sign-up.suite.json'), 'utf8')) as {
    cases: { name: string; event: unknown; expect: unknown }[];
  };
  example.cases.push({
    name: 'Plan chosen',
    event: { type: 'track', event: 'Plan Chosen', userId: '{{userId}}', properties: { plan: '{{plan}}' } },
    expect: { outcome: 'delivered' },
  });
  const file = join(harness.userDataDir, 'variables.suite.json');
  writeFileSync(file, JSON.stringify(example, null, 2));
  const s = await openSuite(page, file);
  const section = s.view.getByTestId('suite-variables');
  await expect(section.locator('summary')).toHaveText('Variables (2), 1 undefined');
  await section.locator('summary').click();
  await expect(section.getByRole('textbox', { name: 'Value of email' })).toHaveValue('{{$randomEmail}}');
  await expect(section.getByTestId('variable-undefined-name')).toHaveText(['{{plan}}']);
  await expect(section.getByTestId('variables-undefined')).toContainText('--var name=value');

  // A bad name is refused, with the reason next to the field, and nothing is added.
  const newName = section.getByRole('textbox', { name: 'Variable name' });
  await newName.fill('my plan');
  await section.getByRole('textbox', { name: 'Variable value' }).fill('pro');
  await newName.press('Enter');
  await expect(newName).toHaveAttribute('aria-invalid', 'true');
  await expect(newName).toHaveAccessibleDescription(/letters, digits/);
  await expect(section.getByTestId('variable-row')).toHaveCount(2);
  // Renaming onto an existing name is refused too.
  const userIdName = section.getByRole('textbox', { name: 'Name of userId' });
  await userIdName.fill('email');
  await userIdName.press('Enter');
  await expect(userIdName).toHaveAccessibleDescription(/already a variable named email/);
  await expectNoSeriousA11yViolations(page, 'Suites, variables with refused names');
  await userIdName.press('Escape');
  await expect(userIdName).toHaveValue('userId');

  // Fixed and added from the keyboard: {{plan}} is defined now.
  await newName.fill('plan');
  await newName.press('Enter');
  await expect(section.getByTestId('variable-row')).toHaveCount(3);
  await expect(section.getByTestId('variables-undefined')).toHaveCount(0);
  await expect(section.locator('summary')).toHaveText('Variables (3)');
  await section.getByRole('textbox', { name: 'Value of userId' }).fill('edited-{{$uuid}}');
  await s.view.getByTestId('suite-save').click();
  await expect(s.message).toContainText('Saved variables.suite.json');

  // Saved in the file's own key order, and there on reopening.
  const saved = readFileSync(file, 'utf8');
  expect(saved).toContain(
    '"variables": {\n    "email": "{{$randomEmail}}",\n    "userId": "edited-{{$uuid}}",\n    "plan": "pro"\n  },\n  "cases"',
  );
  await s.view.getByTestId('suite-new').click();
  await expect(s.cases).toHaveCount(0);
  await s.path.fill(file);
  await s.open.click();
  await expect(s.cases).toHaveCount(example.cases.length);
  // The section stays as the user left it (open) across New and Open.
  await expect(section).toHaveAttribute('open', '');
  await expect(section.getByRole('textbox', { name: 'Value of plan' })).toHaveValue('pro');
  await expect(section.getByRole('textbox', { name: 'Value of userId' })).toHaveValue('edited-{{$uuid}}');
  await expectNoSeriousA11yViolations(page, 'Suites, variables open');

  // After a run, changing a variable marks stale only the results of the cases that use it.
  await s.runAll.click();
  await expect(s.progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await section.getByRole('textbox', { name: 'Value of plan' }).fill('enterprise');
  const stale = s.view.locator('[data-testid="suite-case"][data-stale]');
  await expect(stale).toHaveCount(1);
  await expect(stale.getByTestId('case-name')).toHaveValue('Plan chosen');
  await expect(stale.getByTestId('case-stale')).toHaveText('stale: a variable it uses changed after it ran');
});
