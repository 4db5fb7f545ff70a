import { join, resolve } from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { type Runtime, createRuntime } from '../core/runtime';
import { APP_SCHEME } from './appOrigin';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { lockDownPermissions } from './permissions';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { SAFE_STORAGE_SECRETS_FILE, createSafeStorageVault } from './safeStorageVault';
import { createMainWindow } from './window';

/**
 * The Electron host: lifecycle, one window, IPC wiring. No business logic lives here; every
 * request goes to the core's handler table through `registerIpc`.
 */

/**
 * The data folder (draft, history database) is Electron's userData, which for productName "Event
 * Tester" is the folder the CLI uses by default too (core/store/dataDir.ts), so a CLI send shows
 * up in the app. EVENT_TESTER_HOME moves both, for tests and power users.
 */
export const DATA_DIR_ENV = 'EVENT_TESTER_HOME';

function main(): void {
  const userData = process.env[DATA_DIR_ENV];
  // Before ready and before the single-instance lock, which lives in the user-data folder.
  if (userData) app.setPath('userData', resolve(userData));
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let core: Runtime | null = null;
  let window: BrowserWindow | null = null;
  let disposed = false;

  const openWindow = (): void => {
    const created = createMainWindow(
      { BrowserWindow, shell },
      { preloadPath: join(app.getAppPath(), 'dist', 'preload', 'index.cjs') },
    );
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
  };

  const start = async (): Promise<void> => {
    lockDownPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(app.getAppPath(), 'dist', 'renderer')));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform })),
    );
    const userData = app.getPath('userData');
    core = await createRuntime({
      userDataDir: userData,
      // --- SECURITY: profile secrets are encrypted with safeStorage, in main only (after ready).
      vault: await createSafeStorageVault(
        safeStorage,
        join(userData, SAFE_STORAGE_SECRETS_FILE),
        process.platform,
      ),
      version: app.getVersion(),
      platform: process.platform,
      emit: (channel, payload) => {
        if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
      },
    });
    const { redact } = core;
    registerIpc(ipcMain, core.handlers, {
      // --- SECURITY: logs are shared in bug reports; credentials are scrubbed before printing.
      onError: (channel, error) =>
        console.error(
          `event-tester: ${channel} failed: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
        ),
    });
    openWindow();
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (core && !window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (disposed || !core) return;
    // Hold the quit until the sandbox is closed and the last draft write is on disk.
    event.preventDefault();
    const closing = core;
    core = null;
    void closing
      .dispose()
      .catch(() => undefined)
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Startup touches no credentials (the sandbox, the user-data folder), so the message is safe to show.
      dialog.showErrorBox(
        'Event Tester could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}

main();
