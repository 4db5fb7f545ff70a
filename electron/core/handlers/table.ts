import { appHandlers } from './appHandlers';
import { collectorHandlers } from './collectorHandlers';
import type { HandlerContext } from './context';
import { deliveryHandlers } from './deliveryHandlers';
import { draftHandlers } from './draftHandlers';
import { eventHandlers } from './eventHandlers';
import { historyHandlers } from './historyHandlers';
import { profileHandlers } from './profileHandlers';
import { suiteHandlers } from './suiteHandlers';
import type { HandlerTable } from './types';

/** Every contract channel, one module per domain; a missing channel fails the type check here. */
export function createHandlerTable(ctx: HandlerContext): HandlerTable {
  return {
    ...appHandlers(ctx),
    ...eventHandlers(ctx),
    ...draftHandlers(ctx),
    ...historyHandlers(ctx),
    ...deliveryHandlers(ctx),
    ...profileHandlers(ctx),
    ...collectorHandlers(ctx),
    ...suiteHandlers(ctx),
  };
}
