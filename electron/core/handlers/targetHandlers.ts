import { SANDBOX_TARGET_ID, summarizeTarget } from '../targets';
import type { HandlerContext } from './context';
import type { HandlerTable } from './types';

export function targetHandlers(ctx: HandlerContext): Pick<HandlerTable, 'target:list'> {
  return {
    'target:list': async () => ({
      targets: ctx.targets.list().map(summarizeTarget),
      defaultTargetId: SANDBOX_TARGET_ID,
    }),
  };
}
