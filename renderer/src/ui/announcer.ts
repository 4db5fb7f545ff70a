import { create } from 'zustand';

/**
 * The app's one polite live region. Screen readers miss text in nodes that are inserted (a new
 * outcome banner), so whatever should be heard goes through `announce`, once, here.
 */
interface AnnouncerState {
  message: string;
  /** Bumped per announcement, so the same words twice (two sends, same outcome) are heard twice. */
  serial: number;
}

export const useAnnouncer = create<AnnouncerState>()(() => ({ message: '', serial: 0 }));

export function announce(message: string): void {
  useAnnouncer.setState((s) => ({ message, serial: s.serial + 1 }));
}
