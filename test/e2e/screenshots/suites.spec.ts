import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness';
import { dismissSandboxNote } from '../renderer/app';

/** The Suites view into docs/screenshots at 1280x800 for the README. */
const OUT = join(process.cwd(), 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(1270, 790);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('suites: the webinar funnel after a finished run, one case opened', async ({ page, harness }) => {
  await harness.open();
  await dismissSandboxNote(page);
  await page.keyboard.press('ControlOrMeta+7');
  const view = page.getByTestId('view-suites');
  await view.getByTestId('suite-path').fill(resolve('docs/suites/webinar-funnel.suite.json'));
  await view.getByTestId('suite-open').click();
  await view.getByTestId('run-all').click();
  await expect(view.getByTestId('run-progress')).toHaveAttribute('data-status', 'passed', {
    timeout: 30_000,
  });
  await view.getByTestId('suite-case').nth(1).getByTestId('case-open').click();
  await expect(view.getByTestId('outcome-title')).toBeVisible();
  await shoot(page, 'suites-run');
});
