import { create } from 'zustand';
import { PROFILE_COLORS, type ProfileSummary } from '../../../../shared/profiles';
import { type DestinationSettings, DestinationSettingsSchema } from '../../../../shared/settings';
import { tester } from '../../api/tester';
import { settingsFromJson, settingsToJson } from './settingsModel';
import { useProfilesStore } from './profilesStore';

/**
 * The profile being edited: its fields, the write-only credential inputs, and its destination
 * settings shared by the form and the JSON tab. The form edits `settings` (and regenerates the
 * text); the JSON tab edits `jsonText`, which updates `settings` whenever it is valid.
 */
export interface ProfileDraft {
  /** null: a new profile. */
  id: string | null;
  builtIn: boolean;
  name: string;
  color: string;
  endpoint: string;
  production: boolean;
  dailyQuota: string;
  /** SECURITY: write-only inputs; cleared after each save, never filled from the main process. */
  clientId: string;
  clientSecret: string;
  keepSecret: 'vault' | 'session';
  settings: DestinationSettings;
  jsonText: string;
  jsonError: string | null;
}

export interface EditorState {
  draft: ProfileDraft;
  tab: 'form' | 'json';
  saving: boolean;
  error: string | null;
  notice: string | null;
  begin(profile: ProfileSummary | null): void;
  update(patch: Partial<Omit<ProfileDraft, 'settings' | 'jsonText' | 'jsonError'>>): void;
  setSettings(settings: DestinationSettings): void;
  setJsonText(text: string): void;
  setTab(tab: 'form' | 'json'): void;
  save(): Promise<boolean>;
}

const emptySettings = () => DestinationSettingsSchema.parse({ formatVersion: 1 });

function draftOf(profile: ProfileSummary | null): ProfileDraft {
  const settings = profile?.settings ?? emptySettings();
  return {
    id: profile?.id ?? null,
    builtIn: profile?.builtIn ?? false,
    name: profile?.name ?? '',
    color: profile?.color ?? PROFILE_COLORS[0],
    endpoint: profile?.builtIn ? '' : (profile?.endpoint ?? ''),
    production: profile?.production ?? false,
    dailyQuota: String(profile?.dailyQuota ?? 50_000),
    clientId: '',
    clientSecret: '',
    keepSecret: profile?.secretKept === 'session' ? 'session' : 'vault',
    settings,
    jsonText: settingsToJson(settings),
    jsonError: null,
  };
}

export const useEditorStore = create<EditorState>()((set, get) => ({
  draft: draftOf(null),
  tab: 'form',
  saving: false,
  error: null,
  notice: null,
  begin(profile) {
    set({ draft: draftOf(profile), error: null, notice: null });
  },
  update(patch) {
    set((s) => ({ draft: { ...s.draft, ...patch }, error: null }));
  },
  setSettings(settings) {
    set((s) => ({ draft: { ...s.draft, settings, jsonText: settingsToJson(settings), jsonError: null } }));
  },
  setJsonText(text) {
    const parsed = settingsFromJson(text);
    set((s) => ({
      draft: parsed.ok
        ? { ...s.draft, jsonText: text, settings: parsed.value, jsonError: null }
        : { ...s.draft, jsonText: text, jsonError: parsed.error },
    }));
  },
  setTab(tab) {
    set({ tab });
  },
  async save() {
    const { draft } = get();
    const request = saveRequest(draft);
    if (typeof request === 'string') {
      set({ error: request });
      return false;
    }
    set({ saving: true, error: null, notice: null });
    const result = await tester.saveProfile(request);
    if (!result.ok) {
      set({ saving: false, error: result.error.message });
      return false;
    }
    useProfilesStore.getState().upsert(result.value.profile);
    // The typed secret is dropped from memory as soon as main has it.
    set({
      saving: false,
      draft: draftOf(result.value.profile),
      notice: `Saved “${result.value.profile.name}”.`,
    });
    return true;
  },
}));

/** The `profile:save` request for a draft, or what is wrong with it. */
export function saveRequest(draft: ProfileDraft) {
  if (draft.jsonError) return `Fix the settings JSON first: ${draft.jsonError}`;
  const quota = Number(draft.dailyQuota);
  if (!Number.isInteger(quota) || quota < 1)
    return 'The daily quota is a whole number of API calls (Marketo’s default is 50,000).';
  const clientId = draft.clientId.trim();
  const clientSecret = draft.clientSecret.trim();
  if ((clientId === '') !== (clientSecret === '')) {
    return 'Enter both the client id and the client secret (Admin > LaunchPoint > View Details), or neither to keep what is stored.';
  }
  return {
    ...(draft.id ? { id: draft.id } : {}),
    fields: {
      name: draft.name,
      color: draft.color,
      endpoint: draft.endpoint,
      production: draft.production,
      dailyQuota: quota,
      settings: draft.settings,
    },
    ...(clientId ? { credentials: { clientId, clientSecret } } : {}),
    keepSecret: draft.keepSecret,
  };
}
