import { create } from 'zustand';
import type { IpcResult } from '../../../../shared/ipc/contract';
import type {
  ConnectionReport,
  MarketoCatalog,
  ProfileSummary,
  VaultStatus,
} from '../../../../shared/profiles';
import { tester } from '../../api/tester';

/**
 * The profiles the app knows, which one is active, and per profile the last connection test and
 * the catalog loaded from Marketo. SECURITY: nothing here ever holds a client id or secret; the
 * editor's write-only inputs go straight into a `profile:save` request.
 */
export interface ProfilesState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  profiles: ProfileSummary[];
  activeId: string;
  vault: VaultStatus | null;
  /** The profile shown in the Profiles view's editor; null while creating a new one. */
  selectedId: string | null;
  tests: Map<string, { running: boolean; report: ConnectionReport | null }>;
  catalogs: Map<string, { loading: boolean; catalog: MarketoCatalog | null; error: string | null }>;
  load(): Promise<void>;
  select(id: string | null): void;
  activate(id: string): Promise<string | null>;
  remove(id: string): Promise<string | null>;
  duplicate(id: string): Promise<string | null>;
  test(id: string): Promise<void>;
  loadCatalog(id: string): Promise<void>;
  readCachedCatalog(id: string): Promise<void>;
  /** After a save or an import: put the answer in the list and select it. */
  upsert(profile: ProfileSummary): void;
  /** A profile file's text to main; the error message, or null once imported and selected. */
  importText(text: string): Promise<string | null>;
  /** Main's export of a profile (never a secret inside); the error message, or the file. */
  exportFile(id: string): Promise<{ fileName: string; text: string } | string>;
}

/** The error message of a failed call, or null once `apply` has used the value. */
async function run<T>(call: Promise<IpcResult<T>>, apply: (value: T) => void): Promise<string | null> {
  const result = await call;
  if (!result.ok) return result.error.message;
  apply(result.value);
  return null;
}

export const useProfilesStore = create<ProfilesState>()((set, get) => ({
  status: 'loading',
  error: null,
  profiles: [],
  activeId: 'sandbox',
  vault: null,
  selectedId: 'sandbox',
  tests: new Map(),
  catalogs: new Map(),

  async load() {
    const error = await run(tester.listProfiles(), (v) =>
      set((s) => ({
        status: 'ready',
        error: null,
        profiles: v.profiles,
        activeId: v.activeProfileId,
        vault: v.vault,
        selectedId:
          s.selectedId && v.profiles.some((p) => p.id === s.selectedId) ? s.selectedId : v.activeProfileId,
      })),
    );
    if (error) set({ status: 'error', error });
  },
  select(id) {
    set({ selectedId: id });
    if (id) void get().readCachedCatalog(id);
  },
  activate: (id) => run(tester.activateProfile(id), (v) => set({ activeId: v.activeProfileId })),
  async remove(id) {
    const error = await run(tester.deleteProfile(id), (v) =>
      set((s) => ({
        activeId: v.activeProfileId,
        profiles: s.profiles.filter((p) => p.id !== id),
        selectedId: v.activeProfileId,
      })),
    );
    return error;
  },
  duplicate: (id) => run(tester.duplicateProfile(id), (v) => get().upsert(v.profile)),
  async test(id) {
    const tests = new Map(get().tests);
    tests.set(id, { running: true, report: tests.get(id)?.report ?? null });
    set({ tests });
    const result = await tester.testProfile(id);
    const next = new Map(get().tests);
    next.set(id, {
      running: false,
      report: result.ok
        ? result.value
        : {
            ok: false,
            endpoint: '',
            testedAt: new Date().toISOString(),
            durationMs: 0,
            usage: null,
            failure: {
              code: result.error.code,
              title: 'Not tested',
              message: result.error.message,
              hint: '',
              step: 'token',
            },
          },
    });
    set({ tests: next });
  },
  async loadCatalog(id) {
    const start = new Map(get().catalogs);
    start.set(id, { loading: true, catalog: start.get(id)?.catalog ?? null, error: null });
    set({ catalogs: start });
    const result = await tester.loadFromMarketo(id);
    const next = new Map(get().catalogs);
    const previous = next.get(id)?.catalog ?? null;
    next.set(
      id,
      result.ok
        ? { loading: false, catalog: result.value, error: null }
        : { loading: false, catalog: previous, error: result.error.message },
    );
    set({ catalogs: next });
  },
  async readCachedCatalog(id) {
    if (get().catalogs.get(id)?.catalog) return;
    const result = await tester.getCachedCatalog(id);
    if (!result.ok || !result.value.catalog) return;
    const next = new Map(get().catalogs);
    next.set(id, { loading: false, catalog: result.value.catalog, error: null });
    set({ catalogs: next });
  },
  importText: (text) => run(tester.importProfile(text), (v) => get().upsert(v.profile)),
  async exportFile(id) {
    const result = await tester.exportProfile(id);
    return result.ok ? result.value : result.error.message;
  },
  upsert(profile) {
    set((s) => {
      const exists = s.profiles.some((p) => p.id === profile.id);
      const profiles = exists
        ? s.profiles.map((p) => (p.id === profile.id ? profile : p))
        : [...s.profiles, profile];
      return { profiles, selectedId: profile.id };
    });
  },
}));

export function selectActiveProfile(
  state: Pick<ProfilesState, 'profiles' | 'activeId'>,
): ProfileSummary | null {
  return state.profiles.find((p) => p.id === state.activeId) ?? null;
}
