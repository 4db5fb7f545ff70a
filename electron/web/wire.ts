/**
 * What the web host and its bridge script agree on. Pure constants (no Node, no DOM), so both the
 * server and the browser bundle import them.
 */

/** The header that carries the session token on every `/ipc/*` and `/events` request. */
export const TOKEN_HEADER = 'X-Event-Tester-Token';
/** Where the token arrives: `http://127.0.0.1:PORT/#token=...` (a fragment never reaches a server log). */
export const TOKEN_FRAGMENT_KEY = 'token';
/** Where the bridge keeps the token, so a reload of the tab still works once the URL is clean. */
export const TOKEN_STORAGE_KEY = 'event-tester.token';

export const IPC_PREFIX = '/ipc/';
export const EVENTS_PATH = '/events';
export const BRIDGE_PATH = '/__bridge.js';
