import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { CHANNEL_METHODS, isPushChannel } from '../../shared/ipc/channelMethods';
import type { PushChannel, TesterApi } from '../../shared/ipc/contract';

type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

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
