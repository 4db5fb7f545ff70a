import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type IpcResult } from '../../shared/ipc/contract';
import { type DispatchOptions, dispatch } from '../core/handlers/dispatch';
import type { HandlerTable } from '../core/handlers/types';
import { isAppUrl } from './appOrigin';

/** What the sender check reads from an invoke event; `senderFrame` can be missing (Playwright, disposed frames). */
export interface SenderEvent {
  readonly senderFrame?: { readonly url: string; readonly parent: unknown } | null;
}

export interface RegisterIpcOptions {
  isTrustedSender?: (event: SenderEvent) => boolean;
  onError?: DispatchOptions['onError'];
}

const FORBIDDEN: IpcResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Event Tester window.' },
};

// --- SECURITY: the sender check. Only the top frame of a page served from app://event-tester may
// reach core; an iframe, another origin, or a frame that is gone is refused before any parsing.
export function isTrustedSender(event: SenderEvent): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame) return false;
    return isAppUrl(frame.url) && frame.parent === null;
  } catch {
    // A disposed WebFrameMain throws on access.
    return false;
  }
}

/** Registers every contract channel, in one loop, each behind the sender check and `dispatch`. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: HandlerTable,
  options: RegisterIpcOptions = {},
): void {
  const trusted = options.isTrustedSender ?? isTrustedSender;
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown) => {
      if (!trusted(event)) return FORBIDDEN;
      return dispatch(handlers, channel, request, { onError: options.onError });
    });
  }
}
