import { eventTemplates } from '../../../shared/segment/templates';
import { tester } from '../api/tester';
import { useAppStore } from '../features/app';
import { flushDraft, startAutosave, useDraftStore } from '../features/editor';
import { useHistoryStore } from '../features/history';
import { useLifecycleStore } from '../features/lifecycle';
import { selectActiveProfile, useProfilesStore } from '../features/profiles';

/**
 * The draft is linted against the active profile's Marketo settings (and activity types once
 * loaded): re-checked when the profile, its settings or its catalog change.
 */
function followActiveProfile(): () => void {
  let last: readonly unknown[] | null = null;
  let lastId: string | null = null;
  const apply = (state: ReturnType<typeof useProfilesStore.getState>) => {
    const profile = selectActiveProfile(state);
    // The activity types Load from Marketo cached for this profile, if any (no call to Marketo).
    if (profile && profile.id !== lastId) void state.readCachedCatalog(profile.id);
    lastId = profile?.id ?? null;
    const activityTypes = profile ? (state.catalogs.get(profile.id)?.catalog?.activityTypes ?? null) : null;
    const key = profile ? [profile.settings, activityTypes] : null;
    const same = key === last || (key !== null && last !== null && key.every((k, n) => k === last?.[n]));
    if (same) return;
    last = key;
    useDraftStore.getState().setDestination(profile ? { settings: profile.settings, activityTypes } : null);
  };
  apply(useProfilesStore.getState());
  return useProfilesStore.subscribe(apply);
}

/** Loads what the first screen needs and wires pushes, connectivity and autosave; returns teardown. */
export function bootstrap(): () => void {
  const app = useAppStore.getState();
  const stops: (() => void)[] = [];

  const onOnline = () => useAppStore.getState().setOnline(navigator.onLine);
  app.setOnline(navigator.onLine);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOnline);
  stops.push(() => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOnline);
  });

  stops.push(tester.on('event:progress', (payload) => useLifecycleStore.getState().receiveProgress(payload)));
  stops.push(tester.on('history:recorded', (summary) => useHistoryStore.getState().receive(summary)));

  void tester.appInfo().then((r) => {
    if (r.ok) useAppStore.getState().setInfo(r.value);
    else useAppStore.getState().reportError(`App info unavailable: ${r.error.message}`);
  });

  void useProfilesStore
    .getState()
    .load()
    .then(() => {
      const { status, error } = useProfilesStore.getState();
      if (status === 'error') useAppStore.getState().reportError(`Profiles could not be loaded: ${error}`);
    });

  stops.push(followActiveProfile());

  let cancelled = false;
  void tester.loadDraft().then((r) => {
    if (cancelled) return;
    if (r.ok) {
      useDraftStore.getState().hydrate(r.value.text ?? eventTemplates.track(), r.value.savedAt);
      stops.push(startAutosave());
      // First run: keep the template (its messageId and timestamp) so a restart shows the same draft.
      if (r.value.text === null) void flushDraft(true);
    } else {
      // Still give the user something to edit; the banner says why their draft is missing.
      useDraftStore.getState().hydrate(eventTemplates.track(), null);
      useAppStore.getState().reportError(`The saved draft could not be loaded: ${r.error.message}`);
      stops.push(startAutosave());
    }
  });
  stops.push(() => {
    cancelled = true;
  });

  return () => stops.splice(0).forEach((stop) => stop());
}
