import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type Harness } from '../harness';
import { editorText, focusEditor, insertDraft, savedDraft, sendAndWait, ui } from './app';

/** The Event Builder: the form alone builds every call type, round-trips every example, and undo spans form and editor. */
const EXAMPLES = path.resolve('../shared/examples/segment-docs');

const tab = (page: Page, name: 'Builder' | 'JSON' | 'Pretty') =>
  page
    .getByTestId('view-tester')
    .getByRole('tablist', { name: 'Draft view' })
    .getByRole('tab', { name, exact: true })
    .click();
const builder = (page: Page) => page.getByTestId('builder');
const field = (page: Page, label: string) => builder(page).getByLabel(label, { exact: true });

/**
 * Replaces the draft with a paste into the editor; waits until the draft main saved is the pasted
 * JSON (Monaco formats a paste, and a big draft's views draw only the lines in sight).
 */
async function pasteDraft(page: Page, harness: Harness, text: string): Promise<void> {
  await tab(page, 'JSON');
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  const canonical = (t: string | null) => {
    try {
      return JSON.stringify(JSON.parse(t ?? ''));
    } catch {
      return t;
    }
  };
  await expect.poll(async () => canonical(await savedDraft(harness))).toBe(canonical(text));
}

/** The whole draft text, from the Pretty tab's Raw view (Monaco renders only the visible lines). */
async function draftText(page: Page): Promise<string> {
  await tab(page, 'Pretty');
  await page.getByTestId('draft-code').getByRole('tab', { name: 'Raw' }).click();
  const text = (await page.getByTestId('draft-code').locator('pre').innerText()).replace(/\u00a0/g, ' ');
  await tab(page, 'Builder');
  return text;
}

const BUILDS = [
  // identify first: it gives the person an email, by which the track and page after it find the lead.
  { type: 'identify', fields: {}, props: { email: 'form@example.com' }, deliver: true },
  { type: 'track', fields: { Event: 'Webinar Registered' }, props: { webinar: 'Form-built' }, deliver: true },
  {
    type: 'page',
    fields: { 'Page name': 'Pricing' },
    props: { url: 'https://www.example.com/pricing' },
    deliver: true,
  },
  { type: 'screen', fields: { 'Screen name': 'Home' }, props: {}, deliver: false },
  { type: 'group', fields: { 'Group id': 'acct-1' }, props: { name: 'Initech' }, deliver: false },
  { type: 'alias', fields: { 'Previous id': 'anon-1' }, props: {}, deliver: false },
] as const;

test('the form alone builds each of the six call types from an empty draft; the deliverable ones reach the sandbox', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  const app = ui(page);
  await harness.open();
  for (const build of BUILDS) {
    // From nothing: the editor cleared, then only the form (no template).
    await tab(page, 'JSON');
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect.poll(() => editorText(page)).toBe('');
    await tab(page, 'Builder');
    await expect(field(page, 'Call type')).toHaveValue('');
    await field(page, 'Call type').selectOption(build.type);
    await expect(field(page, 'Call type')).toHaveValue(build.type);
    await field(page, 'userId').fill('form-user');
    for (const [label, value] of Object.entries(build.fields)) await field(page, label).fill(value);
    for (const [key, value] of Object.entries(build.props)) {
      const existing = builder(page).getByLabel(`Value of ${key}`, { exact: true });
      if ((await existing.count()) === 0) {
        await builder(page)
          .getByLabel(/^New (properties|traits) key$/)
          .fill(key);
        await builder(page).getByRole('button', { name: 'Add', exact: true }).click();
      }
      await builder(page).getByLabel(`Value of ${key}`, { exact: true }).fill(value);
    }
    if (build.type === 'page') await field(page, 'User agent').fill('Mozilla/5.0 (form)');
    const event = JSON.parse(await draftText(page)) as Record<string, unknown>;
    expect(event).toMatchObject({ type: build.type, userId: 'form-user' });
    await expect(app.problems).toContainText('Valid Segment event');
    if (build.deliver) await sendAndWait(page, 'Delivered');
    else await expect(app.problems).toContainText(`Marketo V2 does not take ${build.type} calls`);
  }
});

test('every segment-docs example goes JSON -> form -> JSON unchanged', async ({ page, harness }) => {
  test.skip(!existsSync(EXAMPLES), 'examples not present');
  test.setTimeout(180_000);
  await harness.open();
  for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.json'))) {
    await pasteDraft(page, harness, readFileSync(path.join(EXAMPLES, name), 'utf8'));
    const before = await draftText(page);
    if (name.startsWith('09')) {
      await expect(page.getByTestId('builder-invalid')).toContainText('batch envelope');
      continue;
    }
    await expect(field(page, 'Call type')).toBeVisible();
    const event = JSON.parse(before) as Record<string, unknown>;
    // Type into the form and back: the text must come out as it went in, byte for byte.
    const key = typeof event.userId === 'string' ? 'userId' : 'anonymousId';
    await field(page, key).fill(`${String(event[key])}-changed`);
    await field(page, key).fill(String(event[key]));
    expect(await draftText(page), name).toBe(before);
    if (name.startsWith('10')) await expect(page.getByTestId('builder-unknown')).toContainText('email');
    if (name.startsWith('18'))
      await expect(page.getByTestId('builder-unknown')).toContainText('forwardedFromProject');
  }
});

test('an edit in the form, then Ctrl+Z in the editor, restores the text', async ({ page, harness }) => {
  await harness.open();
  const before = await editorText(page);
  expect(before).toContain('"event": "Webinar Registered"');
  await tab(page, 'Builder');
  await field(page, 'Event').fill('Trial Started');
  await tab(page, 'JSON');
  await expect.poll(() => editorText(page)).toContain('"event": "Trial Started"');
  await focusEditor(page);
  // One undo step per form change: "Trial Started" was typed in one fill.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorText(page)).toBe(before);
});

test('findings show next to their field as well as in the Problems list', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  await insertDraft(
    page,
    JSON.stringify({
      type: 'track',
      event: 'Webinar Registered',
      userId: 'u-findings',
      timestamp: 'yesterday',
      properties: { webinar: 'W' },
    }),
  );
  await tab(page, 'Builder');
  const findingsOf = (label: string) =>
    builder(page)
      .locator('.b-row', { has: page.getByLabel(label, { exact: true }) })
      .getByTestId('field-findings');
  await expect(findingsOf('Timestamp')).toContainText('is not a date and time');
  await expect(app.problems).toContainText('$.timestamp is not a date and time');
  // A field without a finding shows none.
  await expect(findingsOf('userId')).toHaveCount(0);
  await expect(findingsOf('Event')).toHaveCount(0);
  // Fixed in the form, the finding leaves the field and the list.
  await builder(page).getByRole('button', { name: 'Now', exact: true }).click();
  await expect(findingsOf('Timestamp')).toHaveCount(0);
  await expect(app.problems).not.toContainText('is not a date and time');
});

test('invalid JSON: the form says why it cannot show the draft', async ({ page, harness }) => {
  await harness.open();
  await insertDraft(page, '{"type": "track", "event": }');
  await tab(page, 'Builder');
  await expect(page.getByTestId('builder-invalid')).toContainText('cannot be read');
});

test('a large draft is checked off the main thread and still sends', async ({ page, harness }) => {
  const app = ui(page);
  await harness.open();
  const items = Array.from({ length: 1500 }, (_, i) => ({
    sku: `sku-${i}`,
    name: 'Large item',
    price: 9.99,
  }));
  const large = {
    type: 'track',
    event: 'Webinar Registered',
    userId: 'u-large',
    properties: { webinar: 'W', items },
  };
  expect(JSON.stringify(large).length).toBeGreaterThan(64 * 1024);
  await pasteDraft(page, harness, JSON.stringify(large));
  // Checked in the worker: the size warning arrives, and Send (which waits for the check) is enabled.
  await expect(app.problems).toContainText('Segment rejects a message over 32 KB');
  await expect(app.send).toBeEnabled();
});

test("the Builder's template picker asks before replacing the user's own draft, like the editor's", async ({
  page,
  harness,
}) => {
  await harness.open();
  await insertDraft(page, '{"type": "page", "name": "Mine", "userId": "u-7"}');
  await tab(page, 'Builder');
  const picker = builder(page).getByLabel('Start from a template');
  await picker.selectOption({ label: 'Identify' });
  const ask = page.getByRole('dialog', { name: 'Replace your draft with the Identify template?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep my draft' }).click();
  await expect(ask).toBeHidden();
  expect(await draftText(page)).toContain('"name": "Mine"');

  await picker.selectOption({ label: 'Identify' });
  await ask.getByRole('button', { name: 'Replace the draft' }).click();
  await expect.poll(() => draftText(page)).toContain('"type": "identify"');
  // Still exactly one of the Builder's templates: the next one replaces it without asking.
  await builder(page).getByLabel('Start from a template').selectOption({ label: 'Track' });
  await expect.poll(() => draftText(page)).toContain('"type": "track"');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
