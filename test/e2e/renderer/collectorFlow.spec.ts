import type { Page } from '@playwright/test';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import type { DeliveryOverview } from '../../../shared/deliveryStats';
import { expect, test, type Harness } from '../harness';
import { editorText, ui } from './app';

/**
 * From a collected event to Marketo (the Sandbox): Validate opens a really POSTed event in the
 * Tester and Send delivers it; a source set to forward delivers its events with no user action, and
 * they are in History and in the Delivery view. The Sources panel renames a source, and
 * asks before forwarding to a production profile.
 */

function collectorUrl(harness: Harness): string {
  const url = harness.core.collector.status().url;
  if (!url) throw new Error('the collector is not running');
  return url;
}

async function post(harness: Harness, writeKey: string, body: unknown): Promise<void> {
  const res = await fetch(`${collectorUrl(harness)}/v1/track`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${writeKey}:`)}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const webinar = (webinar: string) => ({
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  properties: { webinar, seats: 2 },
  context: { library: { name: 'curl', version: '8' } },
});

async function openDebugger(page: Page, harness: Harness) {
  await harness.open();
  await page.getByTestId('nav-debugger').click();
  return page.getByTestId('view-debugger');
}

test('Validate opens a collected event in the Tester, and Send delivers it to the Sandbox', async ({
  page,
  harness,
}) => {
  const view = await openDebugger(page, harness);
  await post(harness, 'wk_site', webinar('Validate Me'));
  const row = view.getByTestId('debugger-row').filter({ hasText: 'Webinar Registered' });
  await expect(row).toHaveCount(1);
  await expect(view.getByTestId('debugger-columns')).toHaveText(/Event\s*User\s*Source\s*Time\s*Result/i);
  await row.click();
  await view.getByTestId('debugger-detail').getByRole('button', { name: 'Validate' }).click();

  const app = ui(page);
  await expect(app.view).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('"Validate Me"');
  await expect(app.send).toBeEnabled();
  await app.send.click();
  await expect(app.outcomeTitle).toHaveText('Delivered');
  await expect(app.outcomeReason).toContainText('lead 1001');
  const posted = harness.core.sandbox.activities().filter((a) => a.primaryAttributeValue === 'Validate Me');
  expect(posted).toHaveLength(1);
});

test('a forwarding source delivers its events with no user action: History and Event Delivery count them', async ({
  page,
  harness,
}) => {
  await post(harness, 'wk_fwd', webinar('Before Forwarding'));
  const view = await openDebugger(page, harness);
  await view.getByTestId('sources-button').click();
  const panel = view.getByTestId('debugger-sources');
  const source = panel.getByTestId('source-row').filter({ hasText: 'wk_fwd' });
  await expect(source.getByTestId('source-forwarding')).toHaveText(/Not forwarded/);

  // Rename: the rows and the source filter use the new name.
  await source.getByRole('textbox').fill('Marketing site');
  await source.getByRole('button', { name: 'Rename' }).click();
  await expect(view.getByTestId('debugger-row').first()).toContainText('Marketing site');
  await expect(view.getByLabel('Source', { exact: true })).toContainText('Marketing site');

  await source.getByLabel('Forward Marketing site to').selectOption('sandbox');
  await expect(source.getByTestId('source-forwarding')).toHaveText(/Forwarding to Sandbox/);
  await expect(view.getByTestId('sources-forwarding')).toHaveText('1');
  await expect(view.getByTestId('sources-forwarding')).toHaveAttribute(
    'title',
    '1 source forwards its events',
  );
  expect(harness.core.collector.store!.received.source('wk_fwd')?.forwardTargetId).toBe('sandbox');

  for (const name of ['Forwarded One', 'Forwarded Two']) await post(harness, 'wk_fwd', webinar(name));
  await expect(view.getByTestId('debugger-row').first().locator('.dbg-source .icon')).toBeVisible();
  // The event from before forwarding was turned on is not sent; the two after it are.
  await expect
    .poll(() => harness.core.sandbox.activities().map((a) => a.primaryAttributeValue))
    .toEqual(expect.arrayContaining(['Forwarded One', 'Forwarded Two']));
  expect(harness.core.sandbox.activities().map((a) => a.primaryAttributeValue)).not.toContain(
    'Before Forwarding',
  );

  await page.getByTestId('nav-history').click();
  const history = page.getByTestId('view-history').getByTestId('history-row');
  await expect(history).toHaveCount(2);
  for (const i of [0, 1]) await expect(history.nth(i).getByTestId('history-outcome')).toHaveText('Delivered');

  // The Delivery view, narrowed to the Collector source, counts both as delivered.
  await page.getByTestId('nav-delivery').click();
  const delivery = page.getByTestId('view-delivery');
  await expect(delivery.getByTestId('delivery-view')).toHaveAttribute('data-ready', 'true');
  await delivery.getByRole('group', { name: 'Source' }).getByRole('button', { name: 'Collector' }).click();
  await expect(delivery.getByTestId('card-delivered').getByTestId('card-value')).toHaveText('2');

  // And the channel behind it answers the same for the collector source.
  const summary = await dispatch(harness.core.handlers, 'delivery:summary', {
    period: '1h',
    sources: ['collector'],
  });
  if (!summary.ok) throw new Error(summary.error.message);
  const current = (summary.value as DeliveryOverview).current;
  expect([current.total, current.delivered]).toEqual([2, 2]);
});

test('forwarding to a production profile asks first; Cancel leaves it off', async ({ page, harness }) => {
  const saved = await dispatch(harness.core.handlers, 'profile:save', {
    fields: {
      name: 'Acme Production',
      endpoint: harness.core.sandbox.url,
      production: true,
      settings: { formatVersion: 1 },
    },
    credentials: harness.core.sandbox.credentials,
    keepSecret: 'session',
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  await post(harness, 'wk_prod', webinar('Prod Source'));
  const view = await openDebugger(page, harness);
  await view.getByTestId('sources-button').click();
  const source = view.getByTestId('source-row').filter({ hasText: 'wk_prod' });
  const select = source.getByRole('combobox');

  await select.selectOption({ label: 'Acme Production (production)' });
  const confirm = page.getByTestId('forward-confirm');
  await expect(confirm).toContainText('to production: Acme Production?');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(select).toHaveValue('');
  expect(harness.core.collector.store!.received.source('wk_prod')?.forwardTargetId).toBeNull();

  await select.selectOption({ label: 'Acme Production (production)' });
  await page.getByTestId('confirm-forward').click();
  await expect(source.getByTestId('source-forwarding')).toHaveText(
    'Forwarding to Acme Production (production)',
  );
  await select.selectOption('');
  await expect(source.getByTestId('source-forwarding')).toHaveText(/Not forwarded/);
});

test('Save to suite in the Debugger adds the collected event to the open suite as a case', async ({
  page,
  harness,
}) => {
  const view = await openDebugger(page, harness);
  await post(harness, 'wk_suite', webinar('Collected For Suite'));
  await view.getByTestId('debugger-row').filter({ hasText: 'Webinar Registered' }).click();
  await view.getByTestId('debugger-save-to-suite').click();

  await page.getByTestId('nav-suites').click();
  const cases = page.getByTestId('view-suites').getByTestId('suite-case');
  await expect(cases).toHaveCount(1);
  await expect(cases.first().getByTestId('case-name')).toHaveValue(/Webinar Registered/);
  await expect(page.getByTestId('view-suites')).toContainText('Added case 1 from the Debugger.');
});
