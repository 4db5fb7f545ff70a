import { announce } from '../../ui/announcer';
import { deriveOutcome, gaveUp, stepLabel, summarizeInteraction } from './outcome';
import { selectInteractions, type LifecycleState, type LifecycleStore } from './lifecycleStore';

/** "Request 2 of 3, Lead lookup, 200 OK": what paging to an exchange says. */
export function stepAnnouncement(state: Pick<LifecycleState, 'result' | 'live' | 'index' | 'phase'>): string {
  const items = selectInteractions(state);
  const item = items[state.index];
  if (!item) return '';
  const summary = summarizeInteraction(item, { gaveUp: gaveUp(items, state.index, state.phase === 'done') });
  const status =
    item.response && /^\d+$/.test(summary.status) && item.response.status < 300
      ? `${summary.status} OK`
      : summary.status;
  return `Request ${state.index + 1} of ${items.length}, ${stepLabel(item.step)}, ${status}${item.attempt > 1 ? `, attempt ${item.attempt}` : ''}`;
}

/**
 * Speaks for one lifecycle store: the outcome once when a send finishes (or fails), and the step
 * when the user pages. Returns the unsubscribe.
 */
export function announceLifecycle(store: LifecycleStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.phase === 'done' && previous.phase !== 'done' && state.result) {
      const view = deriveOutcome(state.result);
      announce(`${view.title}. ${view.summary}`);
    } else if (state.phase === 'error' && previous.phase !== 'error') {
      announce(`The send did not complete. ${state.error ?? ''}`);
    } else if (state.phase === 'done' && state.index !== previous.index && state.result === previous.result) {
      announce(stepAnnouncement(state));
    }
  });
}
