import type { ReceivedEventSummary } from '../../../shared/collector';
import type { ReceivedEventStore } from '../store';
import type { SendService } from '../send/sendService';

/**
 * Forwarding: a source set to forward sends each of its good events to a target through the one
 * send service (source `collector`), so a developer's site flows into History and Event Delivery as
 * it would through Segment. Off by default. Sends go one at a time in arrival order, after the
 * events are stored and the client has its answer, so a slow Marketo never slows the collector.
 */
export interface Forwarder {
  /** Queues the good events whose source forwards (or all, with `forwardAllTo`). */
  offer(events: readonly ReceivedEventSummary[]): void;
  /** Resolves once everything queued so far has been sent. */
  idle(): Promise<void>;
}

export interface ForwarderOptions {
  store: ReceivedEventStore;
  sends: SendService;
  /** `event-tester collect --forward TARGET`: every source goes there, whatever its setting. */
  forwardAllTo?: string;
  onWarning?: (message: string) => void;
}

export function createForwarder(options: ForwarderOptions): Forwarder {
  let chain: Promise<void> = Promise.resolve();
  const targetFor = (writeKey: string, cache: Map<string, string | null>): string | null => {
    if (options.forwardAllTo !== undefined) return options.forwardAllTo;
    if (!cache.has(writeKey)) cache.set(writeKey, options.store.source(writeKey)?.forwardTargetId ?? null);
    return cache.get(writeKey) ?? null;
  };

  async function forwardOne(id: number, targetId: string): Promise<void> {
    const event = options.store.get(id);
    if (!event) return;
    try {
      const sent = await options.sends.send({ event: event.payload, targetId, source: 'collector' });
      if (!sent.ok) options.onWarning?.(`Forwarding event ${id} failed: ${sent.error}`);
    } catch (error) {
      options.onWarning?.(
        `Forwarding event ${id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  return {
    offer(events) {
      const cache = new Map<string, string | null>();
      for (const event of events) {
        if (!event.good) continue;
        const targetId = targetFor(event.writeKey, cache);
        if (targetId === null) continue;
        chain = chain.then(() => forwardOne(event.id, targetId));
      }
    },
    idle: () => chain,
  };
}
