import { create } from 'zustand';
import type { Preferences, PreferencesPatch } from '../../../../shared/preferences';
import { tester } from '../../api/tester';
import { useAppStore } from './appStore';

/**
 * The user's preferences, kept by core in the data folder (not localStorage: `event-tester ui`
 * gets a new port, and so a new origin, on every start). null until loaded.
 */
export interface PreferencesState {
  preferences: Preferences | null;
  /** Reads them once; later calls are no-ops. */
  load(): Promise<void>;
  /** Applies the change at once, then keeps it; a failed save is reported, the change stays for this session. */
  set(patch: PreferencesPatch): Promise<void>;
}

let loading: Promise<void> | null = null;

export const usePreferencesStore = create<PreferencesState>()((set, get) => ({
  preferences: null,
  load() {
    loading ??= tester.getPreferences().then((result) => {
      if (result.ok) set({ preferences: result.value });
      else useAppStore.getState().reportError(`Preferences could not be read: ${result.error.message}`);
    });
    return loading;
  },
  async set(patch) {
    const before = get().preferences;
    if (before) set({ preferences: { ...before, ...patch } as Preferences });
    const result = await tester.setPreferences(patch);
    if (result.ok) set({ preferences: result.value });
    else
      useAppStore
        .getState()
        .reportError(`The choice could not be kept for next time: ${result.error.message}`);
  },
}));
