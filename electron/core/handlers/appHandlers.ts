import type { HandlerContext } from './context';
import type { HandlerTable } from './types';

export function appHandlers(ctx: HandlerContext): Pick<HandlerTable, 'app:info'> {
  return {
    'app:info': async () => ({
      version: ctx.version,
      platform: ctx.platform,
      sandboxUrl: ctx.sandbox.url,
      historyPath: ctx.historyPath,
      historyProblem: ctx.historyProblem,
    }),
  };
}
