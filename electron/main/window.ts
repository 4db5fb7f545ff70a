import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Shell,
  WebContents,
  WebPreferences,
} from 'electron';
import { APP_START_URL, isAppUrl } from './appOrigin';
import { isAllowedExternalUrl } from './externalLinks';

/** The Electron objects this module needs, passed in so tests can hand it a stand-in. */
export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  shell: Pick<Shell, 'openExternal'>;
}

export interface MainWindowOptions {
  preloadPath: string;
  startUrl?: string;
}

// --- SECURITY: the renderer runs untrusted-by-default content (pasted events, Marketo responses).
// It gets no Node, an isolated preload world and Chromium's OS sandbox; only window.tester reaches main.
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export function createMainWindow(deps: WindowDeps, options: MainWindowOptions): BrowserWindow {
  const window = new deps.BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'Event Tester',
    show: false,
    // The renderer's --bg, so the window does not flash white before the dark UI paints.
    backgroundColor: '#0d1117',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  attachNavigationGuards(window.webContents, deps.shell);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl ?? APP_START_URL);
  return window;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

// --- SECURITY: the window only ever shows our own pages. Navigation or redirects elsewhere are
// cancelled, new windows are never created, and allow-listed https docs open in the system browser.
export function attachNavigationGuards(contents: GuardedContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(event.url)) void shell.openExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
