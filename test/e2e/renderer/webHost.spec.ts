import { createServer } from 'node:http';
import { TOKEN_STORAGE_KEY } from '../../../electron/web/wire';
import { CHANNEL_METHODS } from '../../../shared/ipc/channelMethods';
import { expect, test } from '../harness';
import { savedDraft } from './app';

test('the bridge takes the token out of the address bar and defines only the contract', async ({
  page,
  harness,
}) => {
  await harness.open();
  expect(page.url()).not.toContain('token');
  const shape = await page.evaluate(
    (key) => ({
      keys: Object.keys((window as unknown as { tester: object }).tester).sort(),
      frozen: Object.isFrozen((window as unknown as { tester: object }).tester),
      stored: sessionStorage.getItem(key),
    }),
    TOKEN_STORAGE_KEY,
  );
  expect(shape.keys).toEqual([...Object.values(CHANNEL_METHODS), 'on'].sort());
  expect(shape.frozen).toBe(true);
  // Kept for this tab only, so a reload works.
  expect(shape.stored).toBe(harness.host.token);
});

test('a page on another origin cannot drive the app, even knowing the token', async ({ page, harness }) => {
  await harness.open();
  await expect.poll(() => savedDraft(harness)).not.toBeNull();
  const before = await savedDraft(harness);
  const foreign = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((done) => foreign.listen(0, '127.0.0.1', done));
  try {
    const { port } = foreign.address() as { port: number };
    await page.goto(`http://localhost:${port}/`);
    const base = `http://127.0.0.1:${harness.host.port}`;
    const outcomes = await page.evaluate(
      async ({ base, token }) => {
        const attempt = (init: RequestInit) =>
          fetch(`${base}/ipc/draft:save`, {
            method: 'POST',
            body: '{"text":"from elsewhere"}',
            ...init,
          }).then(
            (r) => `status ${r.status}`,
            () => 'blocked',
          );
        return [
          await attempt({ headers: { 'X-Event-Tester-Token': token, 'Content-Type': 'application/json' } }),
          await attempt({ mode: 'no-cors', headers: { 'Content-Type': 'text/plain' } }),
        ];
      },
      { base, token: harness.host.token },
    );
    // The first dies in the CORS preflight; the second is opaque to the page and refused by the host.
    expect(outcomes[0]).toBe('blocked');
    expect(await savedDraft(harness)).toBe(before);
  } finally {
    foreign.close();
  }
});
