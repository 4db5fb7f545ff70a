/**
 * A stand-in for the `electron` module that records what main and preload do with it. Wire it
 * with `vi.mock('electron', () => import('../helpers/fakeElectron'))` and inspect `fake`.
 */
type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  /** Calls every listener; returns the first non-undefined result. */
  emit(event: string, ...args: unknown[]): unknown {
    let result: unknown;
    for (const listener of this.listeners.get(event) ?? []) {
      const value = listener(...args);
      if (result === undefined) result = value;
    }
    return result;
  }
}

/** An Electron-style event: `preventDefault` is recorded. */
export function fakeEvent<T extends object>(
  fields: T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class BrowserWindow extends Emitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  focused = false;
  destroyed = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    fake.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    fake.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class FakeApp extends Emitter {
  readonly paths = new Map<string, string>([['userData', '/nonexistent/user-data']]);
  isPackaged = false;
  sandboxEnabled = false;
  lockRequested = false;
  quitCalls = 0;
  private ready!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve));
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (!value) throw new Error(`no path ${name}`);
    return value;
  }
  getAppPath(): string {
    return process.cwd();
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    this.lockRequested = true;
    return fake.singleInstanceLock;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(): void {}
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test helper: fire `ready`. */
  makeReady(): void {
    this.ready();
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export const fake = {
  singleInstanceLock: true,
  windows: [] as BrowserWindow[],
  loadedUrls: [] as string[],
  ipcHandlers: new Map<string, IpcHandler>(),
  ipcHandleCalls: [] as string[],
  invokeCalls: [] as { channel: string; args: unknown[] }[],
  rendererListeners: new Emitter(),
  exposed: new Map<string, unknown>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  permissionRequestHandler: null as null | Listener,
  permissionCheckHandler: null as null | Listener,
  openedExternally: [] as string[],
  menuTemplate: null as unknown,
  errorBoxes: [] as { title: string; content: string }[],
  safeStorage: { available: true, backend: 'gnome_libsecret' as StorageBackend, encrypted: 0 },
};

export const app = new FakeApp();

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    if (fake.ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipcHandleCalls.push(channel);
    fake.ipcHandlers.set(channel, handler);
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    fake.invokeCalls.push({ channel, args });
    return Promise.resolve({ ok: true, value: { echoed: channel } });
  },
  on(channel: string, listener: Listener) {
    fake.rendererListeners.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: Listener) {
    fake.rendererListeners.removeListener(channel, listener);
    return ipcRenderer;
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    fake.exposed.set(key, api);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    fake.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    fake.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Listener | null): void {
      fake.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener | null): void {
      fake.permissionCheckHandler = handler;
    },
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    fake.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const Menu = {
  buildFromTemplate(template: unknown): unknown {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown } | null): void {
    fake.menuTemplate = menu?.template ?? null;
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    fake.errorBoxes.push({ title, content });
  },
};

/**
 * safeStorage's async API. `fake.safeStorage` picks the case: available with a real keyring,
 * unavailable, or Linux `basic_text`. The "ciphertext" is reversible but never contains the plain text.
 */
export const safeStorage = {
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(fake.safeStorage.available);
  },
  getSelectedStorageBackend(): StorageBackend {
    return fake.safeStorage.backend;
  },
  encryptStringAsync(plain: string): Promise<Buffer> {
    if (!fake.safeStorage.available) return Promise.reject(new Error('Encryption is not available.'));
    fake.safeStorage.encrypted += 1;
    return Promise.resolve(
      Buffer.from(`v10${Buffer.from(plain).toString('hex').split('').reverse().join('')}`),
    );
  },
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const text = encrypted.toString();
    if (!text.startsWith('v10')) return Promise.reject(new Error('Error while decrypting the ciphertext'));
    const hex = text.slice(3).split('').reverse().join('');
    return Promise.resolve({ result: Buffer.from(hex, 'hex').toString(), shouldReEncrypt: false });
  },
};

/** An invoke event as main sees it, from a frame at `url` (top frame unless `parent` is given). */
export function senderEvent(
  url: string | undefined,
  parent: unknown = null,
): { senderFrame: { url: string; parent: unknown } | null } {
  return { senderFrame: url === undefined ? null : { url, parent } };
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  session,
  shell,
  Menu,
  dialog,
  safeStorage,
};
