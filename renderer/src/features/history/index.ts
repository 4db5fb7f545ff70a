// The History view: recorded deliveries, paged from the store, opened in the lifecycle viewer.
export { HistoryView } from './HistoryView';
export { useHistoryLifecycle, useHistoryStore } from './stores';
