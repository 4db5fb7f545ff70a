import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { CHANNELS, contract } from '../../../shared/ipc/contract';

/**
 * Launches the real Electron app (`electron .`, built into dist/ by `npm run build`) with a
 * throwaway user-data folder, checks the secure bridge and sends the default draft to the sandbox.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type Found = { ok: true; executablePath: string } | { ok: false; reason: string };

// Resolved by hand: `require('electron')` would try to download the binary when it is missing.
function findElectronBinary(): Found {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      ok: false,
      reason:
        'Electron binary not installed: node_modules/electron/path.txt is missing (dependencies were installed ' +
        'with ELECTRON_SKIP_BINARY_DOWNLOAD=1; run `node node_modules/electron/install.js` to fetch it)',
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const executablePath = join(distDir, relative);
  if (!existsSync(executablePath)) {
    return { ok: false, reason: `Electron binary not installed: ${executablePath} does not exist` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'No display for Electron: run the e2e tests under xvfb-run on Linux' };
  }
  return { ok: true, executablePath };
}

const found = findElectronBinary();

test.describe('Electron app', () => {
  test('starts with the secure bridge and delivers the default draft to the sandbox', async () => {
    if (!found.ok) {
      // The list reporter does not show skip reasons, so print it where CI logs show it.
      console.log(`[electron] skipped: ${found.reason}`);
      test.skip(true, found.reason);
      return;
    }
    for (const built of ['dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
      expect(existsSync(join(ROOT, built)), `${built} exists (run npm run build first)`).toBe(true);
    }
    const userData = mkdtempSync(join(tmpdir(), 'event-tester-electron-'));
    const app = await electron.launch({
      executablePath: found.executablePath,
      args: ['.'],
      cwd: ROOT,
      env: { ...process.env, EVENT_TESTER_HOME: userData },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Event Tester');
      expect(page.url()).toBe('app://event-tester/index.html');

      const exposed = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          keys: Object.keys(w.tester as object).sort(),
          require: typeof w.require,
          process: typeof w.process,
          ipcRenderer: typeof w.ipcRenderer,
        };
      });
      expect(exposed.keys).toEqual([...CHANNELS.map((c) => contract[c].method), 'on'].sort());
      expect(exposed).toMatchObject({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });

      const userDataInMain = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
      expect(userDataInMain).toBe(userData);

      const send = page.getByTestId('send-button');
      await expect(send).toBeEnabled({ timeout: 20_000 });
      await send.click();
      await expect(page.getByTestId('outcome-title')).toHaveText('Delivered');
      await expect(page.getByTestId('pager-label')).toHaveText(/^1 of [2-9]$/);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
