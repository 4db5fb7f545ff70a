import type { HandlerContext } from './context';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

export function historyHandlers(ctx: HandlerContext): Pick<HandlerTable, 'history:list' | 'history:get'> {
  return {
    // Without a store the list is empty; app:info's historyProblem tells the user why.
    'history:list': async (query) =>
      ctx.history?.list(query) ?? { items: [], total: 0, offset: query.offset },
    'history:get': async ({ id }) => {
      const record = ctx.history?.get(id);
      if (!record)
        throw new IpcHandlerError(
          'not-found',
          `Delivery ${id} is not in the history (it may have been pruned).`,
        );
      return record;
    },
  };
}
