import type { HandlerContext } from './context';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

export function eventHandlers(ctx: HandlerContext): Pick<HandlerTable, 'event:send'> {
  return {
    'event:send': async ({ event, targetId, dryRun, verify, sendId }) => {
      ctx.assertLive();
      const sent = await ctx.sends.send({
        event,
        targetId,
        dryRun,
        verify: verify === true,
        source: 'app',
        onInteraction: (interaction) => ctx.push('event:progress', { sendId, interaction }),
      });
      if (!sent.ok) throw new IpcHandlerError('not-found', sent.error);
      return sent.value;
    },
  };
}
