import type { CollectorSource } from '../../../shared/collector';
import type { HandlerContext } from './context';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

type CollectorChannels =
  | 'collector:status'
  | 'collector:list'
  | 'collector:get'
  | 'collector:sources'
  | 'collector:rename-source'
  | 'collector:set-forward'
  | 'collector:schema'
  | 'collector:properties';

const EMPTY_REPORT = { total: 0, buckets: [], events: [] };

export function collectorHandlers(ctx: HandlerContext): Pick<HandlerTable, CollectorChannels> {
  const store = () => ctx.collector.store;
  const source = (writeKey: string): CollectorSource => {
    const found = store()?.received.source(writeKey);
    if (!found) throw new IpcHandlerError('not-found', 'That source has sent no events to this collector.');
    return found;
  };
  return {
    'collector:status': async () => ctx.collector.status(),
    // Without a running collector the lists are empty; collector:status says why.
    'collector:list': async (query) =>
      store()?.received.list(query) ?? { items: [], total: 0, offset: query.offset, hasMore: false },
    'collector:get': async ({ id }) => {
      const event = store()?.received.get(id);
      if (!event)
        throw new IpcHandlerError('not-found', `Event ${id} is no longer stored (it may have been reset).`);
      return event;
    },
    'collector:sources': async () => ({ sources: store()?.received.sources() ?? [] }),
    'collector:rename-source': async ({ writeKey, name }) => {
      source(writeKey);
      store()!.received.renameSource(writeKey, name);
      return source(writeKey);
    },
    'collector:set-forward': async ({ writeKey, targetId }) => {
      source(writeKey);
      if (targetId !== null && !ctx.targets.get(targetId).ok)
        throw new IpcHandlerError('not-found', `There is no profile "${targetId}" to forward to.`);
      store()!.received.setForward(writeKey, targetId);
      return source(writeKey);
    },
    'collector:schema': async (query) => store()?.schema.schema(query) ?? EMPTY_REPORT,
    'collector:properties': async (query) => {
      const required = ctx.collector.requiredPaths(query.type, query.name, query.targetId);
      return (
        store()?.schema.properties(query, required) ?? {
          total: 0,
          bag: 'properties',
          buckets: [],
          properties: [],
        }
      );
    },
  };
}
