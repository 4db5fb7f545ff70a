import { useEffect, useRef } from 'react';
import { announce } from './announcer';

/** How long a message must stay the same before it is read out: typing changes it on most keys. */
export const SETTLE_MS = 1500;

/**
 * Announces `message` through the live region once it has settled (unchanged for `settleMs`), and
 * only when it differs from the last one announced. A message that settles to null (the problem is
 * gone) forgets the last one, so the same reason coming back later is heard again.
 */
export function useSettledAnnouncement(message: string | null, settleMs = SETTLE_MS): void {
  const last = useRef<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (message === null) last.current = null;
      else if (message !== last.current) {
        last.current = message;
        announce(message);
      }
    }, settleMs);
    return () => clearTimeout(timer);
  }, [message, settleMs]);
}
