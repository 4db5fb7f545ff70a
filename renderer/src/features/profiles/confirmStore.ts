import { create } from 'zustand';
import type { PlannedCall } from '../../../../shared/interaction';
import type { ProfileSummary } from '../../../../shared/profiles';

/**
 * The confirmation a production profile asks for before a send: which profile, the API calls the
 * send will make (from a dry run's plan), and the answer the caller awaits.
 */
export interface ConfirmRequest {
  profile: ProfileSummary;
  calls: PlannedCall[];
  /** Calls used today, when a connection test has told us. */
  usedToday: number | null;
  answer(confirmed: boolean): void;
}

export const useConfirmStore = create<{ request: ConfirmRequest | null }>()(() => ({ request: null }));

/** Resolves true when the user confirms, false when they cancel (or another request replaces it). */
export function confirmProductionSend(request: Omit<ConfirmRequest, 'answer'>): Promise<boolean> {
  useConfirmStore.getState().request?.answer(false);
  return new Promise((resolve) => {
    useConfirmStore.setState({
      request: {
        ...request,
        answer: (confirmed) => {
          useConfirmStore.setState({ request: null });
          resolve(confirmed);
        },
      },
    });
  });
}
