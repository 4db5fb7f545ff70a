import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CollectorSource } from '../../../../shared/collector';
import type { IpcResult } from '../../../../shared/ipc/contract';
import type { ProfileSummary } from '../../../../shared/profiles';

/**
 * The Sources panel: rename a source, and turn forwarding to a profile on or off. Forwarding sends
 * every good event of the source with no further click, so turning it on towards a production
 * profile waits for an explicit confirmation (as a send to production does) before main is told.
 */

export interface SourcesDeps {
  rename(writeKey: string, name: string): Promise<IpcResult<CollectorSource>>;
  setForward(writeKey: string, targetId: string | null): Promise<IpcResult<CollectorSource>>;
  /** The profile with this id, as the Profiles feature knows it (null: unknown). */
  profile(id: string): ProfileSummary | null;
  /** Told about every source main changed, so the Debugger's list and filter show it. */
  changed(source: CollectorSource): void;
}

/** A forwarding change to a production profile, held until the user answers. */
export interface PendingForward {
  writeKey: string;
  sourceName: string;
  profile: ProfileSummary;
}

export interface SourcesState {
  open: boolean;
  /** Write key → the name being typed (only for sources whose name field was touched). */
  drafts: Map<string, string>;
  /** Write key of a source with a request to main in flight. */
  busy: string | null;
  pending: PendingForward | null;
  error: string | null;
  toggle(): void;
  editName(writeKey: string, name: string): void;
  rename(source: CollectorSource): Promise<void>;
  /** `targetId` null turns forwarding off. A production profile is held in `pending` first. */
  requestForward(source: CollectorSource, targetId: string | null): Promise<void>;
  answer(confirmed: boolean): Promise<void>;
}

export type SourcesStore = UseBoundStore<StoreApi<SourcesState>>;

export function createSourcesStore(deps: SourcesDeps): SourcesStore {
  return create<SourcesState>((set, get) => {
    /** One request to main at a time per panel; the answer updates the Debugger's sources. */
    const apply = async (writeKey: string, call: () => Promise<IpcResult<CollectorSource>>) => {
      set({ busy: writeKey, error: null });
      const result = await call();
      if (result.ok) deps.changed(result.value);
      set({ busy: null, error: result.ok ? null : result.error.message });
      return result.ok;
    };
    return {
      open: false,
      drafts: new Map(),
      busy: null,
      pending: null,
      error: null,
      toggle: () => set({ open: !get().open, error: null }),
      editName(writeKey, name) {
        const drafts = new Map(get().drafts);
        drafts.set(writeKey, name);
        set({ drafts });
      },
      async rename(source) {
        const name = (get().drafts.get(source.writeKey) ?? source.name).trim();
        if (name === '' || name === source.name) return;
        if (await apply(source.writeKey, () => deps.rename(source.writeKey, name))) {
          const drafts = new Map(get().drafts);
          drafts.delete(source.writeKey);
          set({ drafts });
        }
      },
      async requestForward(source, targetId) {
        if (targetId === source.forwardTargetId) return;
        const profile = targetId === null ? null : deps.profile(targetId);
        if (profile?.production) {
          set({ pending: { writeKey: source.writeKey, sourceName: source.name, profile }, error: null });
          return;
        }
        await apply(source.writeKey, () => deps.setForward(source.writeKey, targetId));
      },
      async answer(confirmed) {
        const pending = get().pending;
        set({ pending: null });
        if (!pending || !confirmed) return;
        await apply(pending.writeKey, () => deps.setForward(pending.writeKey, pending.profile.id));
      },
    };
  });
}

/** What the forwarding indicator says for a source. */
export function forwardLabel(
  source: CollectorSource,
  profile: (id: string) => ProfileSummary | null,
): string {
  if (source.forwardTargetId === null) return 'Not forwarded';
  const target = profile(source.forwardTargetId);
  return `Forwarding to ${target?.name ?? source.forwardTargetId}${target?.production ? ' (production)' : ''}`;
}
