import type { HandlerContext } from './context';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

export function eventHandlers(ctx: HandlerContext): Pick<HandlerTable, 'event:send' | 'event:cancel'> {
  // The sends in flight from this host's renderer, by the id the renderer chose for each; a send
  // leaves the map when it ends, so a late or repeated cancel finds nothing and says so.
  const inFlight = new Map<string, AbortController>();
  return {
    'event:send': async ({ event, targetId, dryRun, verify, sendId }) => {
      ctx.assertLive();
      if (inFlight.has(sendId))
        throw new IpcHandlerError('bad-request', `A send with id ${sendId} is already in flight.`);
      const controller = new AbortController();
      inFlight.set(sendId, controller);
      try {
        const sent = await ctx.sends.send({
          event,
          targetId,
          dryRun,
          verify: verify === true,
          source: 'app',
          signal: controller.signal,
          onInteraction: (interaction) => ctx.push('event:progress', { sendId, interaction }),
        });
        if (!sent.ok) throw new IpcHandlerError('not-found', sent.error);
        return sent.value;
      } finally {
        inFlight.delete(sendId);
      }
    },
    'event:cancel': async ({ sendId }) => {
      const controller = inFlight.get(sendId);
      if (!controller)
        return {
          cancelled: false,
          message: 'No send with this id is in flight; it may have finished already.',
        };
      if (controller.signal.aborted)
        return { cancelled: false, message: 'This send is already being cancelled.' };
      controller.abort();
      return {
        cancelled: true,
        message: 'Cancelling: the send stops at its next step and reports what happened.',
      };
    },
  };
}
