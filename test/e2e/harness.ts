/**
 * The e2e harness: the built renderer in plain Chromium, served by the real web host of
 * `event-tester ui` and driven through its bridge script, backed by the same handler table Electron
 * main uses (real core, real sandbox over HTTP). The renderer runs unchanged.
 *
 *   web host (dist/renderer + /__bridge.js, CSP) ──> Chromium page at http://127.0.0.1:PORT/#token=...
 *   window.tester.<method>() ──fetch POST /ipc/<channel>──> dispatch(core.handlers, channel, request)
 *   core emit('event:progress') ──host.push──> GET /events (SSE) ──> window.tester.on() listeners
 *
 * Every test also fails on a request to a non-local origin, an uncaught page error or a CSP violation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createUserOnlyFileVault, USER_ONLY_SECRETS_FILE } from '../../electron/core/profiles/secretVault';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../electron/core/runtime';
import { startWebHost, type WebHost } from '../../electron/web/server';

const DIST = resolve('dist/renderer');

/** Options that keep fault tests fast: a short rate window and retries without real back-off waits. */
export const FAST_CORE: Pick<RuntimeOptions, 'sandboxOptions' | 'engineOptions'> = {
  sandboxOptions: { rateLimit: { calls: 100, windowMs: 2_000 } },
  engineOptions: {
    windowMs: 2_000,
    sleep: (ms, signal) =>
      new Promise((done, fail) => {
        const timer = setTimeout(done, Math.min(ms, 25));
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          fail(signal.reason);
        });
      }),
  },
};

export interface Harness {
  core: Runtime;
  /** Where the app opens: the web host's link, session token in the fragment. */
  url: string;
  /** The web host serving this test's page. */
  host: WebHost;
  userDataDir: string;
  /** Loads the app and waits until Monaco is editable. */
  open(): Promise<void>;
  /** Requests the page made to anything but the local server (should stay empty). */
  foreignRequests: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && LOCAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

export async function waitForEditor(page: Page): Promise<void> {
  await page.locator('[data-editor-ready="true"] .monaco-editor textarea').waitFor({ state: 'attached' });
  await expect(page.locator('.view-lines')).not.toHaveText('');
}

/** Collects what must never happen in a test: foreign requests, page errors, CSP violations. */
function watchPage(page: Page): { foreignRequests: string[]; pageErrors: string[] } {
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => {
    if (!isLocalUrl(request.url())) foreignRequests.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      pageErrors.push(message.text());
    }
  });
  return { foreignRequests, pageErrors };
}

type Fixtures = {
  coreOptions: Partial<Pick<RuntimeOptions, 'sandboxOptions' | 'engineOptions' | 'vault'>>;
  harness: Harness;
};

export const test = base.extend<Fixtures>({
  coreOptions: [{}, { option: true }],

  harness: async ({ page, coreOptions }, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'event-tester-e2e-'));
    let host: WebHost | null = null;
    const core = await createRuntime({
      userDataDir,
      version: '0.1.0-e2e',
      platform: process.platform,
      sandboxOptions: { ...FAST_CORE.sandboxOptions, ...coreOptions.sandboxOptions },
      engineOptions: { ...FAST_CORE.engineOptions, ...coreOptions.engineOptions },
      // As `event-tester ui` does: profile secrets in a user-only file in the data folder.
      vault: coreOptions.vault ?? createUserOnlyFileVault(join(userDataDir, USER_ONLY_SECRETS_FILE)),
      emit: (channel, payload) => host?.push(channel, payload),
      onWarning: () => {},
    });
    try {
      // The bridge comes from dist/web/bridge.js, built by the global setup with the renderer.
      host = await startWebHost({ handlers: core.handlers, rendererDir: DIST });
      const { foreignRequests, pageErrors } = watchPage(page);
      const served = host;
      const harness: Harness = {
        core,
        url: served.url,
        host: served,
        userDataDir,
        foreignRequests,
        async open() {
          await page.goto(served.url);
          await waitForEditor(page);
        },
      };
      await use(harness);
      expect(foreignRequests, 'the renderer must not request any non-local origin').toEqual([]);
      expect(pageErrors, 'no uncaught errors or CSP violations in the page').toEqual([]);
    } finally {
      await host?.close();
      await core.dispose();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
