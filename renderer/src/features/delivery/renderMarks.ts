import { useEffect } from 'react';
import type { DeliveryState, DeliveryStore } from './deliveryStore';

/**
 * Performance marks that separate the Delivery view's own render time from the queries and IPC
 * before it: `delivery-data` when an answer lands in the store (summary and trends, then issues),
 * `delivery-rendered` once React has committed it and the charts' effects (uPlot) have run, and
 * `delivery-painted` at the next frame. The render bench pairs them; nothing in the app reads them.
 */

export const DATA_MARK = 'delivery-data';
export const RENDERED_MARK = 'delivery-rendered';
export const PAINTED_MARK = 'delivery-painted';

const shown = (s: DeliveryState) => [s.overview, s.trends, s.issues] as const;

/** Marks each store update that brings new data; call once per store. */
export function markDataArrivals(store: DeliveryStore): () => void {
  return store.subscribe((state, before) => {
    const now = shown(state);
    const was = shown(before);
    // A subscriber runs inside set(), before React renders: the moment the data arrived.
    if (now.some((value, i) => value !== was[i])) performance.mark(DATA_MARK);
  });
}

/**
 * Marks when the data on screen has been committed. Parents' effects run after their children's,
 * so by the time this one runs the charts have been drawn.
 */
export function useRenderMarks(store: DeliveryStore): void {
  const overview = store((s) => s.overview);
  const trends = store((s) => s.trends);
  const issues = store((s) => s.issues);
  useEffect(() => {
    if (!overview && !trends && !issues) return;
    performance.mark(RENDERED_MARK);
    const frame = requestAnimationFrame(() => performance.mark(PAINTED_MARK));
    return () => cancelAnimationFrame(frame);
  }, [overview, trends, issues]);
}
