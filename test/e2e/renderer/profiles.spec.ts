import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSandbox, type Sandbox } from '../../../electron/core/sandbox/index';
import { USER_ONLY_SECRETS_FILE } from '../../../electron/core/profiles/secretVault';
import { expect, test } from '../harness';
import { insertDraft, sendAndWait, ui } from './app';

/**
 * Profiles against a second Marketo: a second sandbox started with credentials of its own, reached
 * over HTTP through the real web host, exactly as a real instance would be.
 */
const SECRET = 'second-e2e-secret-4b8d1f6a';
const CLIENT_ID = 'second-e2e-client';

let second: Sandbox;
test.beforeEach(async () => {
  second = await startSandbox({ clientId: CLIENT_ID, clientSecret: SECRET });
});
test.afterEach(async () => {
  await second.close();
});

const webinar = JSON.stringify({
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  properties: { webinar: 'Profiles Live', seats: 4 },
  context: { traits: { email: 'ada@example.com' } },
});

interface NewProfile {
  name: string;
  secret?: string;
  production?: boolean;
}

async function createProfile(page: Page, { name, secret = SECRET, production = false }: NewProfile) {
  await page.getByTestId('nav-profiles').click();
  await page.getByTestId('new-profile').click();
  const editor = page.getByTestId('profile-editor');
  await editor.getByTestId('profile-name').fill(name);
  await editor.getByTestId('profile-endpoint').fill(` ${second.url}/rest `);
  await editor.getByTestId('profile-client-id').fill(CLIENT_ID);
  await editor.getByTestId('profile-client-secret').fill(secret);
  if (production) await editor.getByTestId('profile-production').check();
  await editor.getByTestId('save-profile').click();
  await expect(editor.getByTestId('profile-notice')).toHaveText(`Saved “${name}”.`);
  // Write-only: the inputs are empty again and only "stored" comes back.
  await expect(editor.getByTestId('profile-client-secret')).toHaveValue('');
  await expect(editor.getByTestId('secret-state')).toContainText('A secret is stored.');
  await expect(editor.getByTestId('secret-state')).toContainText('readable only by your user account');
  return editor;
}

/** Records every IPC answer and push the page receives, for the secret scan. */
async function recordTraffic(page: Page): Promise<() => Promise<string[]>> {
  const answers: Promise<string>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/ipc/')) answers.push(response.text());
  });
  await page.evaluate(() => {
    const pushes: unknown[] = [];
    (window as unknown as { __pushes: unknown[] }).__pushes = pushes;
    const bridge = (window as unknown as { tester: { on(c: string, l: (p: unknown) => void): void } }).tester;
    for (const channel of ['event:progress', 'history:recorded']) bridge.on(channel, (p) => pushes.push(p));
  });
  return async () => [
    ...(await Promise.all(answers)),
    JSON.stringify(await page.evaluate(() => (window as unknown as { __pushes: unknown[] }).__pushes)),
  ];
}

test('a second Marketo: create, test, load types, map an event with the pickers, send it delivered; the secret never comes back', async ({
  page,
  harness,
}) => {
  await harness.open();
  const traffic = await recordTraffic(page);
  const editor = await createProfile(page, { name: 'Second Marketo' });

  // Test connection: a token, then today's usage from the second sandbox's own counter.
  await editor.getByTestId('test-connection').click();
  await expect(editor.getByTestId('connection-result')).toContainText('Connected');
  await expect(editor.getByTestId('usage')).toHaveText('1 of 50,000 API calls used today (49,999 left)');

  // Load from Marketo, then map a new event with the pickers.
  await editor.getByTestId('load-from-marketo').click();
  await expect(editor.getByTestId('catalog-info')).toContainText('4 activity types, 14 lead fields, loaded');
  await editor.getByTestId('add-activity').click();
  await editor.getByTestId('activity-0-event').fill('Webinar Registered');
  // A draft type is flagged: Marketo refuses activities for it.
  await editor.getByTestId('activity-0-type').selectOption('100104');
  await expect(editor.getByTestId('settings-flags')).toContainText(
    '"Survey Completed" is draft, not approved',
  );
  await editor.getByTestId('activity-0-type').selectOption({ label: 'Webinar Registered (100101)' });
  await expect(editor.getByTestId('settings-flags')).toHaveCount(0);
  await editor.getByTestId('activity-0-primary').fill('webinar');
  await expect(editor.getByText('Becomes “Webinar” (string)')).toBeVisible();
  await editor.getByTestId('activity-0-add-attribute').click();
  await editor.getByTestId('activity-0-property-0').fill('seats');
  await editor.getByTestId('activity-0-attribute-0').selectOption({ label: 'Seats · integer' });

  // The JSON tab shows the same mapping, with the settings schema behind it.
  await editor.getByTestId('settings-tab-json').click();
  const json = editor.getByTestId('settings-json');
  await expect(json.locator('.view-lines')).toContainText('"activityTypeId": 100101');
  await editor.getByTestId('settings-tab-form').click();
  await editor.getByTestId('save-profile').click();
  await expect(editor.getByTestId('profile-notice')).toBeVisible();
  await editor.getByTestId('use-profile').click();
  await expect(page.getByTestId('profile-select')).toHaveValue(/^second-marketo-/);

  // Send it from the Tester: delivered to the second sandbox, not the embedded one.
  await page.getByTestId('nav-tester').click();
  await insertDraft(page, webinar);
  await sendAndWait(page, 'Delivered');
  expect(second.activities()).toEqual([
    expect.objectContaining({
      activityTypeId: 100101,
      primaryAttributeValue: 'Profiles Live',
      attributes: [{ apiName: 'seats', value: 4 }],
    }),
  ]);
  expect(harness.core.sandbox.activities()).toHaveLength(0);
  await expect(ui(page).view.getByTestId('active-profile')).toContainText('Second Marketo');

  // Export the profile file: no secret, no client id inside.
  await page.getByTestId('nav-profiles').click();
  const download = page.waitForEvent('download');
  await editor.getByTestId('export-profile').click();
  const exported = readFileSync((await (await download).path())!, 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ kind: 'event-tester-profile', name: 'Second Marketo' });

  // The scan: IPC answers, pushes, the DOM (inputs included), the export and every stored file.
  const dom = await page.evaluate(
    () =>
      `${document.documentElement.outerHTML}\n${[...document.querySelectorAll('input')].map((i) => i.value).join('\n')}`,
  );
  const stored = readdirSync(harness.userDataDir)
    .filter((name) => name !== USER_ONLY_SECRETS_FILE)
    .map((name) => join(harness.userDataDir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path).toString('latin1'));
  const places = [...(await traffic()), dom, exported, ...stored];
  expect(places.length).toBeGreaterThan(10);
  for (const text of places) {
    expect(text.includes(SECRET), 'the secret came back').toBe(false);
    expect(text.includes(CLIENT_ID), 'the client id came back').toBe(false);
  }
  // The one place it lives: the user-only file `event-tester ui` keeps (0600).
  const vaultFile = join(harness.userDataDir, USER_ONLY_SECRETS_FILE);
  expect(readFileSync(vaultFile, 'utf8')).toContain(SECRET);
  if (process.platform !== 'win32') expect(statSync(vaultFile).mode & 0o777).toBe(0o600);
});

test('a wrong secret shows the 401 explanation', async ({ page, harness }) => {
  await harness.open();
  const editor = await createProfile(page, { name: 'Wrong Secret', secret: 'not-the-right-secret' });
  await editor.getByTestId('test-connection').click();
  await expect(editor.getByTestId('connection-failure-title')).toHaveText('Bad client credentials (401)');
  await expect(editor.getByTestId('connection-hint')).toContainText('Admin > LaunchPoint');
  await expect(editor.getByTestId('connection-result')).not.toContainText('not-the-right-secret');
});

test('a production profile is unmistakable and asks before each send, showing the API calls', async ({
  page,
  harness,
}) => {
  await harness.open();
  const editor = await createProfile(page, { name: 'Acme Production', production: true });
  await expect(editor.getByRole('heading', { name: /Acme Production/ })).toContainText('Production');
  await expect(page.getByTestId('profile-item-Acme Production')).toContainText('Production');
  // The sandbox's own mapping, so the event is deliverable.
  await editor.getByTestId('settings-tab-json').click();
  await expect(editor.getByTestId('settings-json').locator('.view-lines')).toContainText('formatVersion');
  await editor.getByTestId('settings-tab-form').click();
  await editor.getByTestId('add-activity').click();
  await editor.getByTestId('activity-0-event').fill('Webinar Registered');
  await editor.getByTestId('activity-0-type').fill('100101');
  await editor.getByTestId('activity-0-primary').fill('webinar');
  await editor.getByTestId('save-profile').click();
  await editor.getByTestId('use-profile').click();

  await page.getByTestId('nav-tester').click();
  const app = ui(page);
  await expect(app.view.getByTestId('production-label')).toBeVisible();
  await insertDraft(page, webinar);
  await app.send.click();
  const confirm = page.getByTestId('production-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('Send to production: Acme Production?');
  // The dry run's plan: token, lookup by email, by userId only if needed, then the post.
  await expect(confirm.getByTestId('confirm-call-count')).toHaveText('4');
  await expect(confirm).toContainText('GET /identity/oauth/token');
  await expect(confirm).toContainText('GET /rest/v1/leads.json');
  await expect(confirm).toContainText('POST /rest/v1/activities/external.json');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(second.activities()).toHaveLength(0);

  await app.send.click();
  await confirm.getByTestId('confirm-send').click();
  await expect(app.outcomeTitle).toHaveText('Delivered');
  expect(second.activities()).toHaveLength(1);
});

test('lead lookup rules reorder from the keyboard: focus follows the rule, each move is announced, JSON follows', async ({
  page,
  harness,
}) => {
  await harness.open();
  await page.getByTestId('nav-profiles').click();
  const editor = page.getByTestId('profile-editor');
  const fields = editor.getByLabel('Lookup field');
  await expect(fields).toHaveCount(2);
  await editor.getByRole('button', { name: '+ Lookup' }).click();
  await fields.nth(2).fill('anonymousId');
  await expect(fields).toHaveCount(3);

  // From the new rule's field: Tab past its event paths to its Move up button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const up = editor.getByRole('button', { name: 'Move anonymousId up' });
  const down = editor.getByRole('button', { name: 'Move anonymousId down' });
  await expect(up).toBeFocused();
  const live = page.getByTestId('live-region');

  await page.keyboard.press('Enter');
  await expect(live).toHaveText('anonymousId moved to position 2 of 3');
  await expect(up).toBeFocused();
  await page.keyboard.press('Space');
  await expect(live).toHaveText('anonymousId moved to position 1 of 3');
  // At the top Move up is disabled; the focus stays on the rule, on its Move down.
  await expect(up).toBeDisabled();
  await expect(down).toBeFocused();
  await expect(fields.nth(0)).toHaveValue('anonymousId');

  await page.keyboard.press('Enter');
  await expect(live).toHaveText('anonymousId moved to position 2 of 3');
  await expect(down).toBeFocused();
  await expect(fields.nth(0)).toHaveValue('email');
  await expect(fields.nth(1)).toHaveValue('anonymousId');
  await expect(fields.nth(2)).toHaveValue('userId');
  await expect(editor.getByRole('button', { name: 'Move email up' })).toBeDisabled();
  await expect(editor.getByRole('button', { name: 'Move userId down' })).toBeDisabled();

  // The JSON tab lists the rules in the new order.
  await editor.getByTestId('settings-tab-json').click();
  const lines = editor.getByTestId('settings-json').locator('.view-lines');
  await expect(lines).toContainText('"anonymousId"');
  const text = (await lines.textContent()) ?? '';
  const at = (field: string) => text.indexOf(`"field": "${field}"`.replace(' ', '\u00a0'));
  expect(at('email')).toBeGreaterThanOrEqual(0);
  expect(at('email')).toBeLessThan(at('anonymousId'));
  expect(at('anonymousId')).toBeLessThan(at('userId'));
});

test.describe('an instance whose types.json lists no attributes', () => {
  test.use({ coreOptions: { sandboxOptions: { typesWithoutAttributes: true } } });

  test('Load from Marketo fills the attribute pickers from each type’s describe; a failed one says so', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await page.getByTestId('nav-profiles').click();
    const editor = page.getByTestId('profile-editor');
    // The first describe (Webinar Registered) fails; the others answer.
    harness.core.sandbox.faults.add({ kind: '611', scope: 'activity-describe', count: 1 });
    await editor.getByTestId('load-from-marketo').click();
    await expect(editor.getByTestId('catalog-info')).toContainText('4 activity types');

    // The Sandbox's own mappings: Webinar Registered (activity-0), Trial Started (activity-1).
    await expect(editor.getByTestId('activity-1-attribute-0').locator('option')).toContainText([
      'Seats · integer',
      'Source · string',
    ]);
    await expect(editor.getByTestId('activity-1-attributes-problem')).toHaveCount(0);
    await expect(editor.getByText('Becomes “URL” (link)')).toBeVisible();

    await expect(editor.getByTestId('activity-0-attributes-problem')).toContainText(
      'Its attributes could not be loaded: System error (611). Load from Marketo again to retry.',
    );
    // Unknown, not none: its attributes stay typed by hand, and its mapping is not flagged.
    await expect(editor.getByTestId('activity-0-attribute-0')).toHaveValue('seats');
    await expect(editor.getByTestId('activity-0-attribute-0')).toHaveJSProperty('tagName', 'INPUT');
    await expect(editor.getByTestId('settings-flags')).toHaveCount(0);
  });
});
