import type { CallType } from '../../../shared/segment/schemas';

/**
 * The paths Segment's libraries post to: the HTTP API's per-call and batch endpoints, and the
 * one-letter paths analytics.js uses under its `apiHost` (the first letter of the call type).
 */
export type TrackingRoute = { kind: 'call'; type: CallType } | { kind: 'batch' };

const ROUTES = new Map<string, TrackingRoute>([
  ['/v1/track', { kind: 'call', type: 'track' }],
  ['/v1/identify', { kind: 'call', type: 'identify' }],
  ['/v1/page', { kind: 'call', type: 'page' }],
  ['/v1/screen', { kind: 'call', type: 'screen' }],
  ['/v1/group', { kind: 'call', type: 'group' }],
  ['/v1/alias', { kind: 'call', type: 'alias' }],
  ['/v1/t', { kind: 'call', type: 'track' }],
  ['/v1/i', { kind: 'call', type: 'identify' }],
  ['/v1/p', { kind: 'call', type: 'page' }],
  ['/v1/s', { kind: 'call', type: 'screen' }],
  ['/v1/g', { kind: 'call', type: 'group' }],
  ['/v1/a', { kind: 'call', type: 'alias' }],
  ['/v1/batch', { kind: 'batch' }],
  ['/v1/import', { kind: 'batch' }],
  ['/v1/b', { kind: 'batch' }],
]);

/** A trailing slash is tolerated, as Segment's API does. */
export function trackingRoute(path: string): TrackingRoute | null {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return ROUTES.get(trimmed) ?? null;
}

/** analytics.js reports its own metrics here; answered, never stored (they are not events). */
export const METRICS_PATH = '/v1/m';

const SETTINGS_PATH = /^\/v1\/projects\/([^/]{1,200})\/settings\/?$/;

/** The write key of `GET /v1/projects/{writeKey}/settings`, or null for another path. */
export function settingsWriteKey(path: string): string | null {
  const match = SETTINGS_PATH.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}
