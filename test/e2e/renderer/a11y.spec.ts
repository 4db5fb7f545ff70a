import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../harness';
import { focusEditor, insertDraft, sendAndWait, ui } from './app';

const track = (event: string) =>
  `{"type": "track", "event": "${event}", "userId": "user-1001", "properties": {"webinar": "Marketo Masterclass"}, ` +
  `"context": {"traits": {"email": "ada@example.com"}}}`;

/**
 * axe-core in every state of every view the rail offers: a view added later is visited too, since
 * the views come from the rail, not from a list here. Fails on any serious or critical violation.
 */
test('no serious or critical axe violation in any view', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const app = ui(page);
  await harness.open();
  await expectNoSeriousA11yViolations(page, 'Tester, idle');
  // One h1 per shown view: the hidden ones are out of the accessibility tree.
  await expect(page.locator('h1:visible')).toHaveCount(1);
  // The status bar's editor hints (how to leave the editor) are judged too.
  await focusEditor(page);
  await expect(page.getByTestId('status-bar')).toContainText('Esc then Tab');
  await expectNoSeriousA11yViolations(page, 'Tester, editor focused (status bar hints)');

  await sendAndWait(page, 'Delivered');
  await expectNoSeriousA11yViolations(page, 'Tester, after a delivered send (request tab)');
  await app.responseTab.click();
  await expectNoSeriousA11yViolations(page, 'Tester, after a delivered send (response tab)');

  await app.dryRun.click();
  await expect(app.outcomeTitle).toHaveText('Dry run');
  await expectNoSeriousA11yViolations(page, 'Tester, dry run plan');

  await insertDraft(page, track('Newsletter Opened'));
  await sendAndWait(page, 'Message Rejected');
  await expectNoSeriousA11yViolations(page, 'Tester, after a rejected send');

  const rail = page.getByRole('navigation', { name: 'Views' }).getByRole('button');
  const count = await rail.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    const button = rail.nth(i);
    const id = ((await button.getAttribute('data-testid')) ?? '').replace(/^nav-/, '');
    if (id === 'tester') continue;
    await button.click();
    const view = page.getByTestId(`view-${id}`);
    await expect(view).toBeVisible();
    // Let the view load what it shows before judging it.
    await page.waitForTimeout(500);
    await expectNoSeriousA11yViolations(page, `${id} view`);
    await expect(page.locator('h1:visible'), `${id} has one h1`).toHaveCount(1);
    if (id === 'history') {
      await view.getByTestId('history-row').first().click();
      await expect(view.getByTestId('outcome-title')).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'History with a row open');
    }
  }
});

test('the lifecycle tabs: Left/Right switch Request/Response, aria-controls resolve, paging stays', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  await sendAndWait(page, 'Delivered');
  await expect(app.pager).toHaveText('1 of 3');
  for (const tab of [app.requestTab, app.responseTab]) {
    const controls = await tab.getAttribute('aria-controls');
    await expect(page.locator(`[id="${controls}"]`)).toHaveAttribute('role', 'tabpanel');
  }
  await app.requestTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(app.responseTab).toBeFocused();
  await expect(app.responseTab).toHaveAttribute('aria-selected', 'true');
  await expect(app.responsePanel).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(app.requestTab).toBeFocused();
  await expect(app.requestPanel).toBeVisible();
  await page.keyboard.press('End');
  await expect(app.responseTab).toBeFocused();
  await expect(app.pager).toHaveText('1 of 3');
  // The rail says each request's status in words, not only by colour.
  await expect(
    page.getByTestId('view-tester').getByRole('list', { name: 'Requests' }).getByRole('button').first(),
  ).toHaveAccessibleName(/^1 Token\b.*\bok$/);
});

test('keyboard and screen reader: Dry run shortcut, the ? sheet, focus on the result, one live region', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  const live = page.getByTestId('live-region');
  await harness.open();
  // The lifecycle has no live regions of its own; the shell's one speaks for it.
  const lifecycleLive = app.lifecycle.locator('[aria-live], [role="status"], [role="alert"]');
  await expect(lifecycleLive).toHaveCount(0);

  // `?` outside the editor opens the shortcuts sheet; Esc closes it.
  await page.getByTestId('nav-tester').focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Dry run');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // Ctrl/Cmd+Shift+Enter outside the editor is a dry run.
  await page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(app.outcomeTitle).toHaveText('Dry run');
  await expect(live).toContainText('Dry run.');

  // Send with the button: focus does not fall to <body>, it lands on the result, announced once.
  await app.send.focus();
  await page.keyboard.press('Enter');
  await expect(app.outcomeTitle).toHaveText('Delivered');
  await expect(page.getByTestId('view-tester').getByTestId('outcome')).toBeFocused();
  await expect(live).toHaveText(/^Delivered\. /);

  // Paging says where it is, what the step was and how it went.
  await app.next.click();
  await expect(live).toHaveText('Request 2 of 3, Lead lookup, 200 OK');
  await expect(lifecycleLive).toHaveCount(0);
});
