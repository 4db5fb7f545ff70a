import { IpcHandlerError } from '../../../electron/core/handlers/handlerError';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../harness';
import { editorText, focusEditor, insertDraft, savedDraft, sendAndWait, typeDraft, ui } from './app';

test('the first run opens the track template, and the draft survives a reload', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  expect(await editorText(page)).toContain('"event": "Webinar Registered"');
  await expect(app.problems).toContainText('Valid Segment event');

  await typeDraft(
    page,
    '{"type": "identify", "userId": "reload-check", "traits": {"email": "r@example.com"}}',
  );
  // Autosaved through the store after a quiet moment, written by main.
  await expect(app.saveState).toHaveText('Saved');
  expect(await savedDraft(harness)).toContain('reload-check');

  await page.reload();
  await expect(page.locator('[data-editor-ready="true"]')).toBeAttached();
  await expect.poll(() => editorText(page)).toContain('"userId": "reload-check"');
  await expect(app.saveState).toHaveText('Saved');
});

test('templates replace the draft and Format pretty-prints it', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();

  await page.getByRole('button', { name: 'Use the Identify template' }).click();
  await expect.poll(() => editorText(page)).toContain('"type": "identify"');
  await expect(app.problems).toContainText('Valid Segment event');
  await page.getByRole('button', { name: 'Use the Page template' }).click();
  await expect.poll(() => editorText(page)).toContain('"type": "page"');
  await page.getByRole('button', { name: 'Use the Track template' }).click();
  await expect.poll(() => editorText(page)).toContain('"type": "track"');

  await typeDraft(page, '{"type": "page", "name": "Pricing", "userId": "u-1"}');
  expect((await editorText(page)).split('\n')).toHaveLength(1);
  await page.getByRole('button', { name: 'Format the draft' }).click();
  await expect.poll(async () => (await editorText(page)).split('\n').length).toBe(5);
  expect(await editorText(page)).toContain('  "name": "Pricing",');

  // Shift+Alt+F in the editor formats too.
  await typeDraft(page, '{"type": "page", "name": "Docs", "userId": "u-1"}');
  await focusEditor(page);
  await page.keyboard.press('Shift+Alt+F');
  await expect.poll(async () => (await editorText(page)).split('\n').length).toBe(5);

  // A draft with the user's own changes: the template asks first (a modal, the safe choice focused).
  const identify = page.getByRole('button', { name: 'Use the Identify template' });
  const ask = page.getByRole('dialog', { name: 'Replace your draft with the Identify template?' });
  await identify.click();
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep my draft' })).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'Tester, the template asks before replacing the draft');
  // Esc keeps the draft, and the focus goes back to the button that asked.
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(identify).toBeFocused();
  expect(await editorText(page)).toContain('"name": "Docs"');

  // Confirmed: replaced, said in the live region, and undo brings back what the template replaced.
  await identify.click();
  await ask.getByRole('button', { name: 'Replace the draft' }).click();
  await expect(ask).toBeHidden();
  await expect.poll(() => editorText(page)).toContain('"type": "identify"');
  await expect(page.getByTestId('live-region')).toHaveText(
    /^Replaced the draft with the Identify template; (Ctrl|⌘)\+Z in the editor undoes it\.$/,
  );
  await expect(identify).toBeFocused();
  // Still exactly a template: the next one replaces it without asking.
  await page.getByRole('button', { name: 'Use the Track template' }).click();
  await expect.poll(() => editorText(page)).toContain('"type": "track"');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorText(page)).toContain('"type": "identify"');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorText(page)).toContain('"name": "Docs"');
});

test('an IPC error shows a banner; offline still sends to the sandbox', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();

  const save = harness.core.handlers['draft:save'];
  harness.core.handlers['draft:save'] = async () => {
    throw new IpcHandlerError('internal', 'The disk is full.');
  };
  await insertDraft(page, '{"type": "identify", "userId": "u-1", "traits": {"email": "a@example.com"}}');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('The draft could not be saved: The disk is full.');
  await expect(app.saveState).toHaveText('Not saved');
  // The save state is not a live region (it changed on every autosave); the failure is heard once,
  // from the banner, an alert (not also from the polite live region).
  await expect(app.saveState).not.toHaveAttribute('aria-live');
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('live-region')).not.toContainText('could not be saved');
  // Saving works again once the disk does; the banner can be dismissed.
  harness.core.handlers['draft:save'] = save;
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
  await expect(app.saveState).toHaveText('Saved');

  await setBrowserOnline(page, false);
  await expect(page.getByTestId('offline-banner')).toContainText('Sending to the Sandbox still works');
  await sendAndWait(page, 'Delivered');
  await setBrowserOnline(page, true);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
});

/**
 * The browser's view of the network, as the OS reports it. Not `context.setOffline`: Chromium's
 * emulation also cuts off 127.0.0.1, where the app itself is served, which a real lost network does not.
 */
async function setBrowserOnline(page: Page, online: boolean): Promise<void> {
  await page.evaluate((value) => {
    if (value) Reflect.deleteProperty(navigator, 'onLine');
    else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event(value ? 'online' : 'offline'));
  }, online);
}
