import { create } from 'zustand';

export interface AppBanner {
  id: number;
  message: string;
}

export interface AppState {
  version: string | null;
  sandboxUrl: string | null;
  online: boolean;
  /** IPC errors worth a banner; each can be dismissed. */
  errors: AppBanner[];
  setInfo(info: { version: string; sandboxUrl: string | null }): void;
  setOnline(online: boolean): void;
  reportError(message: string): void;
  dismissError(id: number): void;
}

let nextId = 1;

export const useAppStore = create<AppState>()((set) => ({
  version: null,
  sandboxUrl: null,
  online: true,
  errors: [],
  setInfo(info) {
    set({ version: info.version, sandboxUrl: info.sandboxUrl });
  },
  setOnline(online) {
    set({ online });
  },
  reportError(message) {
    // The same failure repeated (autosave every keystroke) shows once, not as a stack of banners.
    set((s) =>
      s.errors.some((e) => e.message === message) ? s : { errors: [...s.errors, { id: nextId++, message }] },
    );
  },
  dismissError(id) {
    set((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
  },
}));
