import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedEventSummary } from '../../../shared/collector';
import type { SendService } from '../send/sendService';
import type { ReceivedEventStore } from '../store';
import { createForwarder, type Forwarder } from './forwarder';
import { createCollectorServer } from './server';

/**
 * The local collector: an HTTP server on 127.0.0.1 that speaks Segment's tracking API, so a site or
 * a backend pointed at it (`apiHost` / `host`) shows its events in the Debugger. Started by the app,
 * by `event-tester ui` and by `event-tester collect`.
 */

export { TEST_ROUTES } from './testRoutes';
export { settingsDocument } from './settingsDocument';

/** The port the app tries first, so a developer's config keeps working across restarts. */
export const DEFAULT_COLLECTOR_PORT = 4317;

export interface CollectorOptions {
  store: ReceivedEventStore;
  /** 0: any free port. */
  port?: number;
  /** When `port` is taken, take any free one instead of failing (the app does; `collect --port` does not). */
  fallbackToFreePort?: boolean;
  /** Told about each request's events once they are stored. */
  onEvents?: (events: ReceivedEventSummary[]) => void;
  /** Forwarding goes through the send service; without it nothing is forwarded. */
  sends?: SendService;
  forwardAllTo?: string;
  onWarning?: (message: string) => void;
  now?: () => Date;
}

export interface Collector {
  url: string;
  port: number;
  /** Set when the collector is not on the port it was asked for. */
  problem: string | null;
  /** Resolves when every forward queued so far is done (tests, `collect` at exit). */
  forwardingIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const forwarder: Forwarder | null = options.sends
    ? createForwarder({
        store: options.store,
        sends: options.sends,
        onWarning: warn,
        ...(options.forwardAllTo !== undefined ? { forwardAllTo: options.forwardAllTo } : {}),
      })
    : null;
  let port = 0;
  const server = createCollectorServer({
    store: options.store,
    port: () => port,
    now: options.now ?? (() => new Date()),
    onStored: (events) => {
      options.onEvents?.(events);
      forwarder?.offer(events);
    },
    onError: (error) => warn(`Collector: ${error instanceof Error ? error.message : String(error)}`),
  });
  const wanted = options.port ?? DEFAULT_COLLECTOR_PORT;
  let problem: string | null = null;
  try {
    port = await listen(server, wanted);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!options.fallbackToFreePort || wanted === 0 || (code !== 'EADDRINUSE' && code !== 'EACCES'))
      throw error;
    port = await listen(server, 0);
    problem = `Port ${wanted} was taken, so the collector listens on ${port} for now.`;
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    problem,
    forwardingIdle: () => forwarder?.idle() ?? Promise.resolve(),
    close: () => (closing ??= shutDown(server)),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // --- SECURITY: loopback only; the collector is never reachable from the network.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function shutDown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
