import { expect, type Page } from '@playwright/test';
import type { Harness } from '../harness';

/** Small page helpers for the Event Tester screen; tests still read like user steps. */
export const ui = (page: Page) => ({
  editor: page.locator('.monaco-editor').first(),
  send: page.getByTestId('send-button'),
  dryRun: page.getByRole('button', { name: 'Dry run' }),
  sendReason: page.getByTestId('send-reason'),
  problems: page.getByTestId('problems'),
  lifecycle: page.getByTestId('lifecycle'),
  outcomeTitle: page.getByTestId('outcome-title'),
  outcomeReason: page.getByTestId('outcome-reason'),
  pager: page.getByTestId('pager-label'),
  prev: page.getByRole('button', { name: 'Previous request' }),
  next: page.getByRole('button', { name: 'Next request' }),
  stepName: page.getByTestId('step-name'),
  attempt: page.getByTestId('attempt'),
  requestTab: page.getByRole('tab', { name: 'Request to Marketo' }),
  responseTab: page.getByRole('tab', { name: 'Response from Marketo' }),
  requestUrl: page.getByTestId('request-url'),
  requestMethod: page.getByTestId('request-method'),
  requestPanel: page.getByTestId('request-panel'),
  responsePanel: page.getByTestId('response-panel'),
  responseStatus: page.getByTestId('response-status'),
  classification: page.getByTestId('classification'),
  saveState: page.getByTestId('save-state'),
});

/** The editor's visible text, with Monaco's non-breaking spaces turned back into spaces. */
export async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Puts the caret in the editor, the way a user does: by clicking into the text. */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/focused/);
}

/** Replaces the draft by typing it with the real keyboard (one line, so auto-closing types over). */
export async function typeDraft(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text, { delay: 5 });
  // Close a completion widget the typing may have opened, without accepting it.
  await page.keyboard.press('Escape');
}

/**
 * Replaces the draft with a paste (formatted on paste by the editor; select all, then a paste event carrying the text on the focused
 * editor input), for tests whose subject is not typing itself; much faster than typing key by key.
 */
export async function insertDraft(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  // The editor formats on paste, so compare the JSON, not the characters.
  const canonical = (t: string) => {
    try {
      return JSON.stringify(JSON.parse(t));
    } catch {
      return t.replace(/\s+/g, '');
    }
  };
  await expect.poll(async () => canonical(await editorText(page))).toBe(canonical(text));
}

/** The draft as main saved it (read through the same handler table the app uses). */
export async function savedDraft(harness: Harness): Promise<string | null> {
  const result = await harness.core.handlers['draft:load']({});
  return result.text;
}

export async function sendAndWait(page: Page, expectedTitle: string | RegExp): Promise<void> {
  const { send, outcomeTitle } = ui(page);
  await expect(send).toBeEnabled();
  await send.click();
  await expect(outcomeTitle).toHaveText(expectedTitle);
}

/** Every secret the core holds for the sandbox target, plus the live access token it was issued. */
export async function sandboxSecrets(harness: Harness): Promise<string[]> {
  const { clientId, clientSecret } = harness.core.sandbox.credentials;
  const url = `${harness.core.sandbox.url}/identity/oauth/token?grant_type=client_credentials&client_id=${encodeURIComponent(
    clientId,
  )}&client_secret=${encodeURIComponent(clientSecret)}`;
  // The sandbox, like Marketo, hands out the same live token per client id until it expires.
  const response = await fetch(url);
  const body = (await response.json()) as { access_token?: string };
  const secrets = [clientSecret, clientId];
  if (body.access_token) secrets.push(body.access_token);
  return secrets;
}

/** Fails if any secret appears in the page's text, its HTML (attributes too) or the editor. */
export async function expectNoSecretsInPage(page: Page, secrets: string[]): Promise<void> {
  const dom = await page.evaluate(() => `${document.body.innerText}\n${document.documentElement.outerHTML}`);
  const editor = await editorText(page);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(4);
    expect(dom.includes(secret), 'a secret reached the DOM').toBe(false);
    expect(editor.includes(secret), 'a secret reached the editor').toBe(false);
  }
}
