import type { HandlerContext } from './context';
import type { HandlerTable } from './types';

export function appHandlers(
  ctx: HandlerContext,
): Pick<HandlerTable, 'app:info' | 'app:preferences' | 'app:set-preferences'> {
  return {
    'app:info': async () => ({
      version: ctx.version,
      platform: ctx.platform,
      sandboxUrl: ctx.sandbox.url,
      historyPath: ctx.historyPath,
      historyProblem: ctx.historyProblem,
    }),
    'app:preferences': () => ctx.preferences.get(),
    'app:set-preferences': async (patch) => {
      ctx.assertLive();
      return ctx.preferences.set(patch);
    },
  };
}
