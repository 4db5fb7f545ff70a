import { tester } from '../../api/tester';
import { createLifecycleStore } from '../lifecycle';
import { createDeliveryStore } from './deliveryStore';
import { markDataArrivals } from './renderMarks';
import { saveExport } from './saveExport';

/** The Delivery view's own lifecycle viewer: paging an example leaves the Tester's and History's alone. */
export const useDeliveryLifecycle = createLifecycleStore();

export const useDeliveryStore = createDeliveryStore({
  summary: (filter) => tester.deliverySummary(filter),
  trends: (filter) => tester.deliveryTrends(filter),
  issues: (query) => tester.deliveryIssues(query),
  examples: (query) => tester.deliveryExamples(query),
  exportData: (query) => tester.exportDelivery(query),
  getDelivery: (id) => tester.getDelivery(id),
  show(record) {
    const viewer = useDeliveryLifecycle.getState();
    if (record) viewer.show(record);
    else viewer.clear();
  },
  save: saveExport,
  now: () => Date.now(),
});

// For the render bench: when answers land, apart from when they are on screen (renderMarks.ts).
markDataArrivals(useDeliveryStore);
