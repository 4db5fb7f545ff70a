import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness';
import { ui, dismissSandboxNote } from '../renderer/app';

/** The Event Builder into docs/screenshots at 1280x800 for the README. */
const OUT = join(process.cwd(), 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(1270, 790);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

const draftTab = (page: Page, name: string) =>
  page.getByRole('tablist', { name: 'Draft view' }).getByRole('tab', { name, exact: true }).click();

test('builder: a mapped track event, Marketo lint, and the draft as code', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await dismissSandboxNote(page);
  await draftTab(page, 'Builder');
  const builder = page.getByTestId('builder');
  await builder.getByLabel('Start from a template').selectOption('Trial Started');
  await expect(builder.getByLabel('Event', { exact: true })).toHaveValue('Trial Started');
  await expect(app.problems).toContainText('Valid Segment event');
  await shoot(page, 'builder-track');

  await builder.getByLabel('Event', { exact: true }).fill('Webinar Registred');
  await expect(app.problems).toContainText('is not mapped');
  await shoot(page, 'builder-marketo-lint');

  await builder.getByLabel('Event', { exact: true }).fill('Webinar Registered');
  await draftTab(page, 'Pretty');
  await expect(page.getByTestId('draft-code-pretty')).toContainText('analytics.track("Webinar Registered"');
  await shoot(page, 'builder-pretty');
});
