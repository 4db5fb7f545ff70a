import { IpcHandlerError } from '../../../electron/core/handlers/handlerError';
import type { Page } from '@playwright/test';
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

  // Undo brings back what the template replaced.
  await page.getByRole('button', { name: 'Use the Identify template' }).click();
  await expect.poll(() => editorText(page)).toContain('"type": "identify"');
  await focusEditor(page);
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
