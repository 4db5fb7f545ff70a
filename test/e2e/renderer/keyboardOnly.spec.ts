import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../harness';
import { editorText, sandboxSecrets, ui } from './app';

/**
 * Issue 13, "Done when": the app used with the keyboard alone. No click, hover, fill or mouse here:
 * only page.keyboard, and reads of what the page shows (focus, text, the clipboard).
 */
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const editorOf = (page: Page) =>
  page.getByTestId('view-tester').getByRole('textbox', { name: 'Event JSON editor' });

/** A focus indicator someone can see: an outline or a box-shadow on the focused element. */
async function expectFocusRing(target: Locator): Promise<void> {
  const ring = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return { outline, shadow: style.boxShadow !== 'none' };
  });
  expect(ring.outline || ring.shadow, 'the focused element shows a focus ring').toBe(true);
}

/** Monaco shows focus with its caret: the editor is marked focused and draws a cursor. */
async function expectEditorFocused(page: Page): Promise<void> {
  await expect(editorOf(page)).toBeFocused();
  const monaco = page.getByTestId('view-tester').locator('.monaco-editor').first();
  await expect(monaco).toHaveClass(/\bfocused\b/);
  const caretHeight = await monaco
    .locator('.cursors-layer .cursor')
    .first()
    .evaluate((el) => el.getBoundingClientRect().height);
  expect(caretHeight).toBeGreaterThan(0);
}

/**
 * Presses Tab (Shift+Tab backwards) until `target` has focus, at most `max` times, then checks its
 * focus ring. Tabbing into the editor on the way fails: Tab there indents, so a user would be stuck.
 */
async function tabTo(page: Page, target: Locator, backwards = false, max = 40): Promise<void> {
  const editor = editorOf(page);
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const inEditor = await editor.evaluate((el) => el === document.activeElement);
    const wantEditor = await target.evaluate((el) => el.getAttribute('aria-label') === 'Event JSON editor');
    expect(inEditor && !wantEditor, 'tabbing ran into the editor').toBe(false);
  }
  await expect(target).toBeFocused();
  await expectFocusRing(target);
}

/** From first start, Tab to the editor: every control before it is passed once. */
async function tabIntoEditor(page: Page): Promise<void> {
  const firstStop = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Tester/ });
  await page.keyboard.press('Tab');
  await expect(firstStop).toBeFocused();
  await expectFocusRing(firstStop);
  await tabTo(page, page.getByRole('button', { name: 'Format the draft' }));
  await page.keyboard.press('Tab');
  await expectEditorFocused(page);
}

test('keyboard only: first start to a delivered event, the last response, copied as cURL', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  const statusBar = page.getByTestId('status-bar');
  await harness.open();
  const secrets = await sandboxSecrets(harness);

  await tabIntoEditor(page);
  await expect(statusBar).toContainText('Esc then Tab to leave the editor');

  // A change typed into the draft: a property before the first one, the event stays valid.
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"anonymousId": "keyboard-1",', { delay: 5 });
  await expect.poll(() => editorText(page)).toContain('"anonymousId": "keyboard-1",');
  await expect(page.locator('.suggest-widget.visible')).toHaveCount(0);

  // The way out: Escape, then Tab, lands on the lifecycle panel after the editor (no problems listed).
  await page.keyboard.press('Escape');
  await expect(statusBar).toContainText('Tab or Shift+Tab now leaves the editor');
  await page.keyboard.press('Tab');
  const lifecycle = page.getByTestId('view-tester').getByRole('region', { name: 'Event Lifecycle' });
  await expect(lifecycle).toBeFocused();
  await expectFocusRing(lifecycle);
  await expect(statusBar).not.toContainText('leave the editor');

  // Back to Send: Shift+Tab enters the editor, Escape then Shift+Tab leaves it before, to Format.
  await page.keyboard.press('Shift+Tab');
  await expectEditorFocused(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Format the draft' })).toBeFocused();
  await tabTo(page, app.send, true);
  await expect(app.send).toBeEnabled();
  await page.keyboard.press('Enter');

  // Delivered, with focus on the result (not lost to <body> when Send disabled itself).
  await expect(app.outcomeTitle).toHaveText('Delivered');
  const outcome = page.getByTestId('view-tester').getByTestId('outcome');
  await expect(outcome).toBeFocused();
  await expectFocusRing(outcome);
  await expect(app.pager).toHaveText('1 of 3');

  // To the last request with the paging shortcut, announced with its step.
  await page.keyboard.press('Alt+PageDown');
  await expect(app.pager).toHaveText('2 of 3');
  await page.keyboard.press('Alt+PageDown');
  await expect(app.pager).toHaveText('3 of 3');
  await expect(app.next).toBeDisabled();
  await expect(page.getByTestId('live-region')).toHaveText(/^Request 3 of 3, /);
  await expect(app.stepName).toHaveText(/activity/i);

  // Its response: Tab to the tabs, Right switches to Response.
  await tabTo(page, app.requestTab);
  await page.keyboard.press('ArrowRight');
  await expect(app.responseTab).toBeFocused();
  await expectFocusRing(app.responseTab);
  await expect(app.responseTab).toHaveAttribute('aria-selected', 'true');
  await expect(app.responsePanel).toBeVisible();
  await expect(app.responseStatus).toHaveText('200');
  await expect(app.pager).toHaveText('3 of 3');

  // Copy it as cURL: Shift+Tab back to the copy button, Enter.
  const copyCurl = app.view.getByRole('button', { name: 'Copy as cURL' });
  await tabTo(page, copyCurl, true);
  await page.keyboard.press('Enter');
  await expect(copyCurl).toHaveText(/Copied/);
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  const command = curl.split('\n').filter((line) => !line.startsWith('#'));
  expect(command[0]).toMatch(/^curl -X POST '.*\/rest\/v1\/activities\/external\.json'/);
  expect(curl).toContain('[REDACTED]');
  for (const secret of secrets) expect(curl.includes(secret), 'a secret in the copied cURL').toBe(false);
});

test('inside the editor: Dry run and paging keys, and Esc then Tab leaves only once, never after closing a widget', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  const statusBar = page.getByTestId('status-bar');
  await harness.open();
  // The status bar is read when reached, not spoken on every focus change.
  await expect(statusBar.locator('[aria-live], [role="status"], [role="alert"]')).toHaveCount(0);
  await expect(statusBar).not.toHaveAttribute('aria-live');
  await expect(statusBar).not.toHaveAttribute('role', 'status');

  await tabIntoEditor(page);
  await expect(statusBar).toContainText('Shift+Enter dry run');
  const before = await editorText(page);

  // Ctrl/Cmd+Shift+Enter is a dry run, not Monaco's "insert line above"; the caret stays.
  await page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(app.outcomeTitle).toHaveText('Dry run');
  await expectEditorFocused(page);
  expect(await editorText(page)).toBe(before);

  // Send, then page the lifecycle from inside the editor, without moving the caret or the text.
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.outcomeTitle).toHaveText('Delivered');
  await expectEditorFocused(page);
  await page.keyboard.press('Alt+PageDown');
  await expect(app.pager).toHaveText('2 of 3');
  await page.keyboard.press('Alt+PageUp');
  await expect(app.pager).toHaveText('1 of 3');
  await expectEditorFocused(page);
  expect(await editorText(page)).toBe(before);

  // Esc then Tab leaves once: back in the editor, Tab indents again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(app.lifecycle).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expectEditorFocused(page);
  await page.keyboard.press('Tab');
  await expectEditorFocused(page);
  await expect.poll(() => editorText(page)).not.toBe(before);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorText(page)).toBe(before);

  // Any key between Escape and Tab cancels the way out.
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await expect(statusBar).toContainText('Esc then Tab to leave the editor');
  await page.keyboard.press('Tab');
  await expectEditorFocused(page);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorText(page)).toBe(before);

  // An Escape that closes the suggestions only closes them: the Tab after it indents.
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget.visible')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('.suggest-widget.visible')).toHaveCount(0);
  await expect(statusBar).toContainText('Esc then Tab to leave the editor');
  await page.keyboard.press('Tab');
  await expectEditorFocused(page);

  // Likewise the find widget: Escape closes it and returns to the text; Tab indents there.
  await page.keyboard.press('ControlOrMeta+F');
  await expect(page.getByRole('textbox', { name: 'Find' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expectEditorFocused(page);
  await expect(statusBar).toContainText('Esc then Tab to leave the editor');
  await page.keyboard.press('Tab');
  await expectEditorFocused(page);

  // A second, bare Escape arms it; Shift+Tab leaves backwards.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Format the draft' })).toBeFocused();
});

test('Alt+PageDown pages History’s opened delivery when History is shown, and leaves the Tester’s alone', async ({
  page,
  harness,
}) => {
  const app = ui(page);
  await harness.open();
  await tabIntoEditor(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.outcomeTitle).toHaveText('Delivered');

  await page.keyboard.press('ControlOrMeta+2');
  const history = page.getByTestId('view-history');
  await expect(history).toBeVisible();
  await expect(page.getByTestId('status-bar')).toContainText('Alt+PageDown');
  // The list has focus when History is shown: Down selects the newest delivery, Enter opens it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const pager = history.getByTestId('pager-label');
  await expect(pager).toHaveText('1 of 3');
  await page.keyboard.press('Alt+PageDown');
  await expect(pager).toHaveText('2 of 3');
  await expect(page.getByTestId('live-region')).toHaveText(/^Request 2 of 3, /);
  await expect(app.pager).toHaveText('1 of 3');
});
