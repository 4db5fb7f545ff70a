import { CHANNEL_METHODS, isPushChannel } from '../../../shared/ipc/channelMethods';
import type { IpcResult, PushChannel, TesterApi } from '../../../shared/ipc/contract';
import { createSseParser } from './sseParser';
import { EVENTS_PATH, IPC_PREFIX, TOKEN_FRAGMENT_KEY, TOKEN_HEADER, TOKEN_STORAGE_KEY } from '../wire';

/**
 * Browser code: `window.tester` for a page served by `event-tester ui`, the counterpart of the
 * Electron preload. Calls go over `fetch` to `/ipc/<channel>`, pushes come from `/events`.
 */

type Listener = (payload: unknown) => void;

const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/**
 * The token arrives once in the URL fragment (`#token=...`). It is moved to sessionStorage, so a
 * reload of this tab still works, and taken out of the address bar, so it is not bookmarked,
 * screenshotted or pasted along with the URL.
 */
export function takeToken(win: Window = window): string | null {
  const fromHash = new URLSearchParams(win.location.hash.slice(1)).get(TOKEN_FRAGMENT_KEY);
  if (fromHash) {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    return fromHash;
  }
  return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

function failure(message: string): IpcResult<never> {
  return { ok: false, error: { code: 'internal', message } };
}

async function call(token: string | null, channel: string, request: unknown): Promise<IpcResult<unknown>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers[TOKEN_HEADER] = token;
  let response: Response;
  try {
    response = await fetch(IPC_PREFIX + channel, {
      method: 'POST',
      headers,
      body: JSON.stringify(request ?? null),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return failure('Lost contact with Event Tester. Is `event-tester ui` still running?');
  }
  try {
    return (await response.json()) as IpcResult<unknown>;
  } catch {
    return failure(`Event Tester answered ${response.status} without a result.`);
  }
}

/** Reads `/events` until the page goes away, reconnecting with back-off when the stream drops. */
function startPushStream(
  token: string | null,
  deliver: (channel: PushChannel, payload: unknown) => void,
): void {
  let delay = RECONNECT_FIRST_MS;
  const parser = () =>
    createSseParser(({ event, data }) => {
      if (!isPushChannel(event)) return;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return;
      }
      deliver(event, payload);
    });

  const connect = async (): Promise<void> => {
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (token) headers[TOKEN_HEADER] = token;
      const response = await fetch(EVENTS_PATH, { headers, cache: 'no-store', credentials: 'omit' });
      // A refused token stays refused; retrying would only knock on the door forever.
      if (response.status === 401 || response.status === 403) return;
      if (response.ok && response.body) {
        delay = RECONNECT_FIRST_MS;
        const sse = parser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) sse.feed(chunk.value);
      }
    } catch {
      // The server stopped or the network blinked: reconnect below.
    }
    setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };
  void connect();
}

// --- SECURITY: this object is all the page can reach, exactly as with the preload. One function
// per contract channel, each posting one argument to its own channel, plus `on` for push channels
// only. No generic invoke; the token stays in this closure and sessionStorage.
export function buildWebTesterApi(token: string | null): TesterApi {
  const listeners = new Map<PushChannel, Set<Listener>>();
  let streaming = false;
  const deliver = (channel: PushChannel, payload: unknown): void => {
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not stop the stream; the error still surfaces as a page error.
        setTimeout(() => {
          throw error;
        });
      }
    }
  };

  const api: Record<string, unknown> = {};
  for (const [channel, method] of Object.entries(CHANNEL_METHODS)) {
    api[method] = (request: unknown) => call(token, channel, request);
  }
  api.on = (channel: PushChannel, listener: Listener): (() => void) => {
    if (!isPushChannel(channel)) throw new Error(`Unknown push channel "${String(channel).slice(0, 80)}".`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set);
    set.add(listener);
    if (!streaming) {
      streaming = true;
      startPushStream(token, deliver);
    }
    return () => {
      set.delete(listener);
    };
  };
  return Object.freeze(api) as unknown as TesterApi;
}
