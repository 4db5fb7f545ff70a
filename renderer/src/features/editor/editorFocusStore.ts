import { create } from 'zustand';

/**
 * Whether the draft editor has the caret, and whether a bare Escape has armed the way out (the next
 * Tab or Shift+Tab leaves the editor). The status bar reads it to say how to get out.
 */
export interface EditorFocusState {
  focused: boolean;
  exitArmed: boolean;
  setFocused(focused: boolean): void;
  setExitArmed(armed: boolean): void;
}

export const useEditorFocus = create<EditorFocusState>()((set) => ({
  focused: false,
  exitArmed: false,
  // Losing focus also disarms: the way out is for the Tab that follows the Escape, not a later one.
  setFocused: (focused) => set(focused ? { focused } : { focused, exitArmed: false }),
  setExitArmed: (exitArmed) => set({ exitArmed }),
}));
