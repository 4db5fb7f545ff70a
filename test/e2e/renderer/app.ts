import { expect, type Locator, type Page } from '@playwright/test';
import type { Harness } from '../harness';

/**
 * Small page helpers for the Tester view; tests still read like user steps. Scoped to the view, since
 * History (once shown) stays mounted beside it with its own lifecycle panel.
 */
export const ui = (page: Page) => inView(page.getByTestId('view-tester'));

/** The same helpers inside any view (History's lifecycle panel has the same parts as the Tester's). */
export const inView = (view: Locator) => ({
  view,
  editor: view.locator('.monaco-editor').first(),
  send: view.getByTestId('send-button'),
  dryRun: view.getByRole('button', { name: 'Dry run' }),
  sendReason: view.getByTestId('send-reason'),
  problems: view.getByTestId('problems'),
  lifecycle: view.getByTestId('lifecycle'),
  outcomeTitle: view.getByTestId('outcome-title'),
  outcomeReason: view.getByTestId('outcome-reason'),
  pager: view.getByTestId('pager-label'),
  prev: view.getByRole('button', { name: 'Previous request' }),
  next: view.getByRole('button', { name: 'Next request' }),
  stepName: view.getByTestId('step-name'),
  attempt: view.getByTestId('attempt'),
  requestTab: view.getByRole('tab', { name: 'Request to Marketo' }),
  responseTab: view.getByRole('tab', { name: 'Response from Marketo' }),
  requestUrl: view.getByTestId('request-url'),
  requestMethod: view.getByTestId('request-method'),
  requestPanel: view.getByTestId('request-panel'),
  responsePanel: view.getByTestId('response-panel'),
  responseStatus: view.getByTestId('response-status'),
  classification: view.getByTestId('classification'),
  saveState: view.getByTestId('save-state'),
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

/** Dismisses the first-run note on the Sandbox (for screenshots of everything after the first start). */
export async function dismissSandboxNote(page: Page): Promise<void> {
  await page.getByTestId('sandbox-note-dismiss').click();
  await expect(page.getByTestId('sandbox-note')).toHaveCount(0);
}
