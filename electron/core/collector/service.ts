import type { CollectorStatus, ReceivedEventSummary } from '../../../shared/collector';
import type { SendService } from '../send/sendService';
import type { Store } from '../store';
import type { TargetRegistry } from '../targets';
import { DEFAULT_COLLECTOR_PORT, startCollector, type Collector } from './index';
import { requiredPaths } from './requiredPaths';

/**
 * The collector as the interactive hosts run it (the app, `event-tester ui`): on its usual port,
 * or a free one when that is taken; storing into the shared store; forwarding through the send
 * service. Without a store (it could not open) there is nowhere to keep events, so it does not
 * start and `status().problem` says why.
 */
export interface CollectorService {
  status(): CollectorStatus;
  /** null when the collector is not running (no store). */
  store: Store | null;
  /** Paths the target's settings need on this event (Schema view flags). */
  requiredPaths(type: string, name: string | null, targetId: string | undefined): string[];
  close(): Promise<void>;
}

export interface CollectorServiceOptions {
  store: Store | null;
  storeProblem: string | null;
  sends: SendService;
  targets: TargetRegistry;
  /** Default 4317; 0 for any free port (tests). */
  port?: number;
  onEvents(events: ReceivedEventSummary[]): void;
  onWarning(message: string): void;
}

export async function startCollectorService(options: CollectorServiceOptions): Promise<CollectorService> {
  const required = (type: string, name: string | null, targetId: string | undefined): string[] => {
    if (targetId === undefined) return [];
    const target = options.targets.get(targetId);
    return target.ok ? requiredPaths(target.value.settings, type, name) : [];
  };
  if (!options.store) {
    const problem = `The collector is not running: ${options.storeProblem ?? 'the store could not be opened'}`;
    return {
      status: () => ({ url: null, port: null, problem }),
      store: null,
      requiredPaths: required,
      close: async () => {},
    };
  }
  let collector: Collector | null = null;
  let problem: string | null = null;
  try {
    collector = await startCollector({
      store: options.store.received,
      port: options.port ?? DEFAULT_COLLECTOR_PORT,
      fallbackToFreePort: true,
      sends: options.sends,
      onEvents: options.onEvents,
      onWarning: options.onWarning,
    });
    problem = collector.problem;
  } catch (error) {
    problem = `The collector could not start: ${error instanceof Error ? error.message : String(error)}`;
    options.onWarning(problem);
  }
  return {
    status: () => ({ url: collector?.url ?? null, port: collector?.port ?? null, problem }),
    store: collector ? options.store : null,
    requiredPaths: required,
    close: async () => {
      await collector?.close();
    },
  };
}
