import { sandboxDefaultSettings } from '../../../electron/core/sandbox';
import type { TesterApi } from '../../../shared/ipc/contract';
import { secretForms, startEchoMarketo } from '../../helpers/echoMarketo';
import { expect, test, waitForEditor } from '../harness';
import { ui } from './app';

/**
 * Issue 7, "never leak", in the page: a profile points at a Marketo stand-in that echoes the
 * credentials and tokens back in every form (error pages, headers, JSON, base64, URL- and
 * form-encoded). After several sends and every lifecycle page with both tabs opened, no form of
 * the client id, the secret or any issued token is in the page's text, HTML or input values.
 */
const CLIENT_ID = 'dom-echo-client-3c9e71';
// Characters that encode differently in URLs, forms, JSON and base64.
const SECRET = 'dom/se+cret=Leak 2b8d"4e\\ü';

test('credentials and tokens echoed by a misbehaving Marketo never reach the page', async ({
  page,
  harness,
}) => {
  const echo = await startEchoMarketo();
  try {
    await harness.open();
    const profileId = await page.evaluate(
      async ({ endpoint, settings, clientId, clientSecret }) => {
        const tester = (window as unknown as { tester: TesterApi }).tester;
        const saved = await tester.saveProfile({
          fields: { name: 'Echo Marketo', endpoint, settings },
          credentials: { clientId, clientSecret },
          keepSecret: 'session',
        });
        if (!saved.ok) throw new Error(saved.error.message);
        const activated = await tester.activateProfile({ id: saved.value.profile.id });
        if (!activated.ok) throw new Error(activated.error.message);
        return saved.value.profile.id;
      },
      { endpoint: echo.url, settings: sandboxDefaultSettings(), clientId: CLIENT_ID, clientSecret: SECRET },
    );
    expect(profileId).toBeTruthy();
    await page.reload();
    await waitForEditor(page);

    const tester = ui(page);
    for (let send = 0; send < 3; send++) {
      await expect(tester.send).toBeEnabled();
      await tester.send.click();
      // Settled: Send is back and the banner names an outcome (the echoes fail most calls).
      await expect(tester.send).toBeEnabled({ timeout: 30_000 });
      await expect(tester.outcomeTitle).toHaveText(/Delivered|Failed|Rejected|Uncertain|Skipped/);
      await expect(tester.pager).toHaveText(/^1 of \d+/);
      // Every exchange of this send, both tabs, so each recorded URL, header and body is rendered.
      await tester.pager.scrollIntoViewIfNeeded();
      for (;;) {
        await tester.requestTab.click();
        await tester.responseTab.click();
        if (!(await tester.next.isEnabled())) break;
        await tester.next.click();
      }
    }
    expect(echo.tokens.length, 'the stand-in issued tokens the page could have shown').toBeGreaterThan(0);
    expect(echo.counts.rest).toBeGreaterThan(1);

    const page_text = await page.evaluate(() => {
      const inputs = [...document.querySelectorAll('input, textarea')].map(
        (el) => (el as HTMLInputElement).value,
      );
      return [document.body.innerText, document.documentElement.outerHTML, ...inputs].join('\n');
    });
    // The echoes themselves did reach the page (redacted): the scan looked at real material.
    expect(page_text).toContain('x-echo-auth');
    expect(page_text).toContain('[REDACTED]');
    for (const secret of [SECRET, CLIENT_ID, ...echo.tokens]) {
      for (const form of secretForms(secret)) {
        const at = page_text.indexOf(form);
        expect(
          at,
          `a form of a secret reached the page: …${page_text.slice(Math.max(0, at - 120), at + 40)}`,
        ).toBe(-1);
      }
    }
  } finally {
    await echo.close();
  }
});
