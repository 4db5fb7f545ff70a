import { eventTemplates } from '../../../shared/segment/templates';
import { tester } from '../api/tester';
import { useAppStore } from '../features/app';
import { flushDraft, startAutosave, useDraftStore } from '../features/editor';
import { useHistoryStore } from '../features/history';
import { useLifecycleStore } from '../features/lifecycle';
import { useProfilesStore } from '../features/profiles';
import { useTargetsStore } from '../features/send';

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

  void tester.listTargets().then((r) => {
    if (r.ok) useTargetsStore.getState().loaded(r.value.targets, r.value.defaultTargetId);
    else {
      useTargetsStore.getState().failed(r.error.message);
      useAppStore.getState().reportError(`Targets could not be loaded: ${r.error.message}`);
    }
  });

  void useProfilesStore
    .getState()
    .load()
    .then(() => {
      const { status, error } = useProfilesStore.getState();
      if (status === 'error') useAppStore.getState().reportError(`Profiles could not be loaded: ${error}`);
    });

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
