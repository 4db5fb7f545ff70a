import { create } from 'zustand';

/** Whether the shortcuts sheet is shown (opened by `?`, closed by Esc or its button). */
export const useShortcutsSheet = create<{ open: boolean; show(): void; close(): void }>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  close: () => set({ open: false }),
}));
