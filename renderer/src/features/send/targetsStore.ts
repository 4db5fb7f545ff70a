import { create } from 'zustand';
import type { TargetSummary } from '../../../../shared/ipc/contract';

export interface TargetsState {
  status: 'loading' | 'ready' | 'error';
  targets: TargetSummary[];
  selectedId: string | null;
  error: string | null;
  loaded(targets: TargetSummary[], defaultTargetId: string): void;
  failed(message: string): void;
  select(id: string): void;
}

export const useTargetsStore = create<TargetsState>()((set, get) => ({
  status: 'loading',
  targets: [],
  selectedId: null,
  error: null,
  loaded(targets, defaultTargetId) {
    const fallback = targets.find((t) => t.kind === 'sandbox') ?? targets[0];
    const selectedId = targets.some((t) => t.id === defaultTargetId)
      ? defaultTargetId
      : (fallback?.id ?? null);
    set({ status: 'ready', targets, selectedId, error: null });
  },
  failed(message) {
    set({ status: 'error', error: message });
  },
  select(id) {
    if (get().targets.some((t) => t.id === id)) set({ selectedId: id });
  },
}));

export function selectTarget(state: Pick<TargetsState, 'targets' | 'selectedId'>): TargetSummary | null {
  return state.targets.find((t) => t.id === state.selectedId) ?? null;
}
