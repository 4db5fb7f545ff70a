import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness';
import { insertDraft, ui } from '../renderer/app';

/** Renders the main states into docs/screenshots at 1280x800 for the README. */
const OUT = join(process.cwd(), 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

async function shoot(page: Page, name: string): Promise<void> {
  // No caret blink or spinner mid-turn in the docs.
  await page.mouse.move(1270, 790);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test.describe.configure({ mode: 'serial' });

test('empty editor, invalid draft', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await expect(app.problems).toContainText('Valid Segment event');
  await expect(app.saveState).toHaveText('Saved');
  await shoot(page, 'empty-editor');

  await insertDraft(
    page,
    '{"type": "track", "userId": 1001, "properties": {"webinar": "Marketo Masterclass", "seats": 2}, "context": {"traits": {"email": "ada@example.com"}}}',
  );
  await page.getByRole('button', { name: 'Format the draft' }).click();
  await expect.poll(async () => page.locator('.monaco-editor .view-line').count()).toBeGreaterThan(10);
  await expect(app.sendReason).toContainText('Fix 2 problems to send');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await expect(app.saveState).toHaveText('Saved');
  await shoot(page, 'invalid-draft');
});

test('delivered lifecycle, pages 1 and 2', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await app.send.click();
  await expect(app.outcomeTitle).toHaveText('Delivered');
  await expect(app.pager).toHaveText('1 of 3');
  await shoot(page, 'delivered-page-1');

  await app.next.click();
  await app.responseTab.click();
  await expect(app.responsePanel).toContainText('"id": 1001');
  await shoot(page, 'delivered-page-2');
});

test('rejected', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await insertDraft(
    page,
    '{"type": "track", "event": "Newsletter Opened", "userId": "user-1001", "properties": {"newsletter": "November"}, "context": {"traits": {"email": "ada@example.com"}}}',
  );
  await page.getByRole('button', { name: 'Format the draft' }).click();
  await expect(app.saveState).toHaveText('Saved');
  await app.send.click();
  await expect(app.outcomeTitle).toHaveText('Message Rejected');
  await expect(app.saveState).toHaveText('Saved');
  await shoot(page, 'rejected');
});
