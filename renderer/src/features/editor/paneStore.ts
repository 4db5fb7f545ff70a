import { create } from 'zustand';

/** Which face of the draft the Tester shows: the Event Builder, the JSON editor or the code. */
export type DraftTab = 'builder' | 'json' | 'pretty';

export interface DraftPaneState {
  tab: DraftTab;
  setTab(tab: DraftTab): void;
}

export const useDraftPaneStore = create<DraftPaneState>()((set) => ({
  tab: 'json',
  setTab: (tab) => set({ tab }),
}));
