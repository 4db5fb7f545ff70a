import { create } from 'zustand';
import type { ViewId } from './views';

export interface ViewState {
  active: ViewId;
  /** Views shown at least once: they stay mounted (hidden) so they keep their state. */
  visited: ViewId[];
  show(id: ViewId): void;
}

export const useViewStore = create<ViewState>()((set, get) => ({
  active: 'tester',
  visited: ['tester'],
  show(id) {
    const { visited } = get();
    set({ active: id, visited: visited.includes(id) ? visited : [...visited, id] });
  },
}));
