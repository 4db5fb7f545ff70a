import { expect, test } from '../harness';

/**
 * The Debugger reaches past its newest page: 2,500 events posted to the real collector's batch
 * endpoint, filtered, then older pages brought in by the "Load older events" button (keyboard) and
 * by scrolling to the end, down to the oldest event and the "all loaded" end.
 */
const EVENTS = 2_500;

/** Event n (0 is the oldest): "Paged A" for even n, "Paged B" for odd; its user says which n. */
const user = (n: number) => `user-${String(n).padStart(4, '0')}`;

async function postEvents(host: string): Promise<void> {
  for (let from = 0; from < EVENTS; from += 500) {
    const batch = Array.from({ length: 500 }, (_, i) => ({
      type: 'track',
      userId: user(from + i),
      event: (from + i) % 2 === 0 ? 'Paged A' : 'Paged B',
    }));
    // One request at a time, oldest first, so the store's order is n's order.
    const res = await fetch(`${host}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ batch, writeKey: 'wk_paging' }),
    });
    expect(res.status).toBe(200);
  }
}

test('older events page in by button and by scrolling, down to the oldest and the end', async ({
  page,
  harness,
}) => {
  const host = harness.core.collector.status().url;
  if (!host) throw new Error('the collector is not running');
  await postEvents(host);

  await harness.open();
  await page.getByTestId('nav-debugger').click();
  const view = page.getByTestId('view-debugger');
  const list = view.getByTestId('debugger-list');
  const rows = view.getByTestId('debugger-row');
  const loaded = view.getByTestId('debugger-loaded');
  const scrollToEnd = () => list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(loaded).toHaveText('Showing 1,000 of 2,500 matching events');

  // A filter: its newest 1,000 of 1,250, then the rest by the button, from the keyboard.
  await view.getByLabel('Event name').fill('Paged A');
  await expect(loaded).toHaveText('Showing 1,000 of 1,250 matching events');
  const older = view.getByRole('button', { name: 'Load older events' });
  await older.focus();
  await page.keyboard.press('Enter');
  await expect(loaded).toHaveText('All matching events loaded');
  await expect(older).toHaveCount(0);
  await scrollToEnd();
  await expect(rows.last()).toContainText(user(0));
  await expect(rows.last()).toContainText('Paged A');

  // No filter: scrolling near the end brings in the next page, until the oldest of all.
  await view.getByLabel('Event name').fill('');
  await expect(loaded).toHaveText('Showing 1,000 of 2,500 matching events');
  await expect(async () => {
    await scrollToEnd();
    await expect(loaded).toHaveText('All matching events loaded', { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await scrollToEnd();
  await expect(rows.last()).toContainText(user(0));
  await expect(rows.last()).toContainText('Paged A');
  await expect(rows.first()).not.toContainText(user(0));
  // Every event once: 2,500 rows of 34 px.
  expect(await list.evaluate((el) => Math.round(el.scrollHeight / 34))).toBe(EVENTS);
});
