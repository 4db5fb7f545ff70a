import { tester } from '../../api/tester';
import { announce } from '../../ui/announcer';
import { createLifecycleStore } from '../lifecycle';
import { createHistoryStore } from './historyStore';

/** History's own lifecycle viewer: paging a recorded delivery leaves the Tester's send alone. */
export const useHistoryLifecycle = createLifecycleStore();

export const useHistoryStore = createHistoryStore({
  list: (query) => tester.listHistory(query),
  get: (id) => tester.getDelivery(id),
  show(record) {
    const viewer = useHistoryLifecycle.getState();
    if (record) viewer.show(record);
    else viewer.clear();
  },
  now: () => Date.now(),
  announce,
});
