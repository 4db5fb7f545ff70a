import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  NEWER_CHECK_MS,
  watchForNewer,
  type WatchHost,
} from '../../renderer/src/features/history/newerWatch';

/** A window and a document made of real EventTargets and the test's fake clock. */
function fakeHost(): WatchHost & { win: EventTarget; doc: EventTarget & { hidden: boolean } } {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { hidden: false });
  return {
    win,
    doc,
    window: Object.assign(win, {
      setInterval: (fn: () => void, ms: number) => Number(setInterval(fn, ms)),
      clearInterval: (id: number) => clearInterval(id),
    }),
    document: doc,
  };
}

describe('watching for deliveries recorded by other processes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks every interval while visible, and at once on focus or when the page shows again', () => {
    const host = fakeHost();
    const check = vi.fn();
    const stop = watchForNewer(check, host);
    vi.advanceTimersByTime(NEWER_CHECK_MS * 2);
    expect(check).toHaveBeenCalledTimes(2);

    host.doc.hidden = true;
    vi.advanceTimersByTime(NEWER_CHECK_MS * 3);
    host.win.dispatchEvent(new Event('focus'));
    expect(check).toHaveBeenCalledTimes(2);
    host.doc.hidden = false;
    host.doc.dispatchEvent(new Event('visibilitychange'));
    expect(check).toHaveBeenCalledTimes(3);
    host.win.dispatchEvent(new Event('focus'));
    expect(check).toHaveBeenCalledTimes(4);

    stop();
    vi.advanceTimersByTime(NEWER_CHECK_MS * 3);
    host.win.dispatchEvent(new Event('focus'));
    host.doc.dispatchEvent(new Event('visibilitychange'));
    expect(check).toHaveBeenCalledTimes(4);
  });
});
