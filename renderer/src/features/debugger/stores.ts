import { tester } from '../../api/tester';
import { createDebuggerStore } from './debuggerStore';

export const useDebuggerStore = createDebuggerStore({
  list: (query) => tester.listReceived(query),
  get: (id) => tester.getReceived(id),
  sources: () => tester.listSources(),
  status: () => tester.collectorStatus(),
  subscribe: (listener) => tester.on('collector:event', listener),
  nextFrame: (fn) => requestAnimationFrame(() => fn()),
});
