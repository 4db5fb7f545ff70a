import { create } from 'zustand';

export interface AppBanner {
  id: number;
  message: string;
}

export interface AppState {
  version: string | null;
  sandboxUrl: string | null;
  /** Where deliveries are recorded; null when they are not (see historyProblem). */
  historyPath: string | null;
  /** Why history is not being recorded, for History's banner; null when all is well. */
  historyProblem: string | null;
  online: boolean;
  /** IPC errors worth a banner; each can be dismissed. */
  errors: AppBanner[];
  setInfo(info: AppInfo): void;
  setOnline(online: boolean): void;
  reportError(message: string): void;
  dismissError(id: number): void;
}

export interface AppInfo {
  version: string;
  sandboxUrl: string | null;
  /** Optional so an older host that does not report them reads as "recording, location unknown". */
  historyPath?: string | null;
  historyProblem?: string | null;
}

let nextId = 1;

export const useAppStore = create<AppState>()((set) => ({
  version: null,
  sandboxUrl: null,
  historyPath: null,
  historyProblem: null,
  online: true,
  errors: [],
  setInfo(info) {
    set({
      version: info.version,
      sandboxUrl: info.sandboxUrl,
      historyPath: info.historyPath ?? null,
      historyProblem: info.historyProblem ?? null,
    });
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
