import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Channel, Contract, PushChannel, TesterApi } from '../../shared/ipc/contract';

type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Channel -> method, typed against the contract so a missing, extra or misnamed entry fails the
 * build. Kept as a type-only import: pulling the contract's zod schemas in would add ~750 kB to a
 * preload that validates nothing (main parses every request).
 */
export const CHANNEL_METHODS: { readonly [C in Channel]: Contract[C]['method'] } = {
  'app:info': 'appInfo',
  'target:list': 'listTargets',
  'event:send': 'sendEvent',
  'draft:load': 'loadDraft',
  'draft:save': 'saveDraft',
};

const PUSH: { readonly [P in PushChannel]: true } = { 'event:progress': true };

function isPushChannel(channel: unknown): channel is PushChannel {
  return typeof channel === 'string' && Object.hasOwn(PUSH, channel);
}

// --- SECURITY: this object is all the page can reach. One function per contract channel, each
// forwarding exactly one argument to its own channel, plus `on` for the push channels only. No
// generic invoke, no ipcRenderer, no event objects (their `sender` would leak ipcRenderer).
export function buildTesterApi(ipc: IpcLike): TesterApi {
  const api: Record<string, unknown> = {};
  for (const [channel, method] of Object.entries(CHANNEL_METHODS)) {
    api[method] = (request: unknown) => ipc.invoke(channel, request);
  }
  api.on = (channel: PushChannel, listener: (payload: unknown) => void): (() => void) => {
    if (!isPushChannel(channel)) throw new Error(`Unknown push channel "${String(channel).slice(0, 80)}".`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipc.on(channel, forward);
    return () => {
      ipc.removeListener(channel, forward);
    };
  };
  return Object.freeze(api) as unknown as TesterApi;
}
