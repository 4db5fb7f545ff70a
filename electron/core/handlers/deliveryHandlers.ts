import type { Result } from '../../../shared/result';
import type { HandlerContext } from './context';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

type DeliveryChannel =
  'delivery:summary' | 'delivery:trends' | 'delivery:issues' | 'delivery:examples' | 'delivery:export';

/** A query the service refused (a bad custom range, a bucket outside the period) is the user's to fix. */
function unwrap<T>(result: Result<T>): T {
  if (!result.ok)
    throw new IpcHandlerError('bad-request', `The delivery query was refused: ${result.error}.`);
  return result.value;
}

/** Without a store there is nothing to show; app:info's historyProblem tells the user why. */
function service(ctx: HandlerContext) {
  if (!ctx.deliveryStats) {
    throw new IpcHandlerError('not-found', ctx.historyProblem ?? 'Deliveries are not being recorded.');
  }
  return ctx.deliveryStats;
}

export function deliveryHandlers(ctx: HandlerContext): Pick<HandlerTable, DeliveryChannel> {
  return {
    'delivery:summary': async (filter) => unwrap(service(ctx).overview(filter)),
    'delivery:trends': async (filter) => unwrap(service(ctx).trends(filter)),
    'delivery:issues': async (query) => unwrap(service(ctx).issues(query)),
    'delivery:examples': async (query) => unwrap(service(ctx).examples(query)),
    'delivery:export': async (query) => unwrap(service(ctx).exportData(query)),
  };
}
