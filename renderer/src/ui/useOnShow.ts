import { useEffect, useRef } from 'react';

/**
 * Runs `onShow` each time a kept-mounted view becomes the visible one (and when it mounts visible),
 * so a view can refresh or take focus without the shell knowing what it holds.
 */
export function useOnShow(active: boolean, onShow: () => void): void {
  const latest = useRef(onShow);
  useEffect(() => {
    latest.current = onShow;
  });
  useEffect(() => {
    if (active) latest.current();
  }, [active]);
}
