import { Analytics } from '@segment/analytics-node';
import { expect, test } from '../harness';
import { editorText } from './app';

/**
 * The Source Debugger and the Schema view in the real renderer, fed by Segment's own analytics-node
 * library posting to the collector the runtime started (real HTTP, real store, real pushes).
 */

function collectorUrl(harness: { core: { collector: { status(): { url: string | null } } } }): string {
  const url = harness.core.collector.status().url;
  if (!url) throw new Error('the collector is not running');
  return url;
}

async function sendAllSix(host: string): Promise<void> {
  const analytics = new Analytics({ writeKey: 'wk_e2e', host, flushInterval: 20, maxRetries: 0 });
  analytics.identify({ userId: 'user-1001', traits: { email: 'ada@example.com' } });
  analytics.track({
    userId: 'user-1001',
    event: 'Webinar Registered',
    properties: { webinar: 'Spring Launch', seats: 2 },
    integrations: { 'Marketo V2': true },
  });
  analytics.page({
    userId: 'user-1001',
    name: 'Pricing',
    properties: { url: 'https://example.com/pricing' },
  });
  analytics.screen({ userId: 'user-1001', name: 'Home' });
  analytics.group({ userId: 'user-1001', groupId: 'acme' });
  analytics.alias({ userId: 'user-1001', previousId: 'anon-1' });
  await analytics.closeAndFlush({ timeout: 10_000 });
}

test('events from analytics-node appear live in the Debugger; Pretty, Raw, filters and Validate', async ({
  page,
  harness,
}) => {
  await harness.open();
  await page.getByTestId('nav-debugger').click();
  const view = page.getByTestId('view-debugger');
  await expect(view.getByTestId('collector-url')).toContainText(collectorUrl(harness));
  await sendAllSix(collectorUrl(harness));

  const rows = view.getByTestId('debugger-row');
  await expect(rows).toHaveCount(6);
  // Newest first: the alias was sent last.
  await expect(rows.first()).toContainText('alias');
  await view.getByTestId('debugger-row').filter({ hasText: 'Webinar Registered' }).click();
  const detail = view.getByTestId('debugger-detail');
  await expect(detail.getByTestId('debugger-pretty')).toContainText(
    'analytics.track("Webinar Registered", {',
  );
  await expect(detail.getByTestId('debugger-pretty')).toContainText(`curl ${collectorUrl(harness)}/v1/track`);
  await detail.getByRole('tab', { name: 'Raw' }).click();
  await expect(detail).toContainText('"Marketo V2": true');

  // A bad event (no id) arrives while paused: held, then shown on resume; the Bad filter keeps it.
  await view.getByRole('button', { name: 'Pause' }).click();
  await fetch(`${collectorUrl(harness)}/v1/track`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ event: 'No Id' }),
  });
  await expect(view.getByRole('button', { name: /Resume \(1 new\)/ })).toBeVisible();
  await expect(rows).toHaveCount(6);
  await view.getByRole('button', { name: /Resume/ }).click();
  await expect(rows).toHaveCount(7);
  await view.getByRole('group', { name: 'Validation' }).getByRole('button', { name: 'Bad' }).click();
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await expect(detail.getByTestId('debugger-problems')).toContainText('userId');

  await view.getByRole('group', { name: 'Validation' }).getByRole('button', { name: 'All' }).click();
  await view.getByLabel('Search payloads').fill('Spring Launch');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await detail.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByTestId('view-tester')).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('"Webinar Registered"');
});

test('the Schema view counts events and shows property presence with the mapping flags', async ({
  page,
  harness,
}) => {
  const host = collectorUrl(harness);
  // 20 pages: url always, title in 15 (75%), referrer in 5 (25%) - the sandbox maps both.
  const batch = Array.from({ length: 20 }, (_, i) => ({
    type: 'page',
    anonymousId: `a${i}`,
    name: 'Page Viewed',
    properties: {
      url: 'https://example.com/',
      ...(i % 4 !== 0 ? { title: 'Home' } : {}),
      ...(i < 5 ? { referrer: 'https://google.com/' } : {}),
    },
  }));
  const res = await fetch(`${host}/v1/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ batch, writeKey: 'wk_schema' }),
  });
  expect(res.status).toBe(200);

  await harness.open();
  await page.getByTestId('nav-schema').click();
  const view = page.getByTestId('view-schema');
  const events = view.getByTestId('schema-events');
  await expect(events).toContainText('Page Viewed');
  await events.getByText('Page Viewed').click();
  const props = view.getByTestId('schema-property');
  await expect(props).toHaveCount(3);
  await expect(props.nth(0)).toContainText('properties.url');
  await expect(props.nth(0)).toContainText('100%');
  await expect(props.nth(1)).toContainText('properties.title');
  await expect(props.nth(1)).toContainText('75%');
  await expect(props.nth(1)).toContainText('required by mapping');
  await expect(props.nth(2)).toContainText('properties.referrer');
  await expect(props.nth(2)).toContainText('25%');
  await expect(props.nth(0)).not.toContainText('required by mapping');
});
