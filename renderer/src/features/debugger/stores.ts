import { tester } from '../../api/tester';
import { useProfilesStore } from '../profiles';
import { createDebuggerStore } from './debuggerStore';
import { createSourcesStore } from './sourcesStore';

export const useDebuggerStore = createDebuggerStore({
  list: (query) => tester.listReceived(query),
  get: (id) => tester.getReceived(id),
  sources: () => tester.listSources(),
  status: () => tester.collectorStatus(),
  subscribe: (listener) => tester.on('collector:event', listener),
  nextFrame: (fn) => requestAnimationFrame(() => fn()),
});

export const useSourcesStore = createSourcesStore({
  rename: (writeKey, name) => tester.renameSource({ writeKey, name }),
  setForward: (writeKey, targetId) => tester.setSourceForward({ writeKey, targetId }),
  profile: (id) => useProfilesStore.getState().profiles.find((p) => p.id === id) ?? null,
  changed: (source) => useDebuggerStore.getState().sourceChanged(source),
});
