import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { sandboxDefaultSettings } from './seed';
import { createSandboxServer } from './server';
import { SandboxState } from './state';
import type { Sandbox, SandboxOptions } from './types';

export type * from './types';
export { sandboxDefaultSettings } from './seed';
export { FaultRuleSchema } from './faults';
export { ADMIN_ROUTES } from './admin';

/** Marketo's published limits and token life (reference §7); tests shrink them through options. */
export const SANDBOX_DEFAULTS = {
  port: 0,
  clientId: 'sandbox-client',
  rateLimit: { calls: 100, windowMs: 20_000 },
  maxConcurrent: 10,
  dailyQuota: 50_000,
  tokenTtlSeconds: 3600,
} as const;

/**
 * Starts the embedded Marketo simulator on 127.0.0.1. Rejects with the listen error (e.g. code
 * EADDRINUSE) when the port is taken.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const rateLimit = options.rateLimit ?? SANDBOX_DEFAULTS.rateLimit;
  const limits = {
    calls: positive('rateLimit.calls', rateLimit.calls),
    windowMs: positive('rateLimit.windowMs', rateLimit.windowMs),
    maxConcurrent: positive('maxConcurrent', options.maxConcurrent ?? SANDBOX_DEFAULTS.maxConcurrent),
    dailyQuota: positive('dailyQuota', options.dailyQuota ?? SANDBOX_DEFAULTS.dailyQuota),
  };
  const tokenTtlSeconds = positive(
    'tokenTtlSeconds',
    options.tokenTtlSeconds ?? SANDBOX_DEFAULTS.tokenTtlSeconds,
  );
  // --- Security-sensitive: a fresh random secret per start unless the caller fixes one. ---
  const credentials = Object.freeze({
    clientId: options.clientId ?? SANDBOX_DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? randomUUID(),
  });
  const state = new SandboxState(
    credentials,
    limits,
    tokenTtlSeconds,
    options.random ?? Math.random,
    options.typesWithoutAttributes === true,
  );
  const lifetime = new AbortController();
  let port = 0;
  const server = createSandboxServer({
    state,
    settings: sandboxDefaultSettings(),
    port: () => port,
    signal: lifetime.signal,
  });
  port = await listen(server, options.port ?? SANDBOX_DEFAULTS.port);

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    credentials,
    get settings() {
      return sandboxDefaultSettings();
    },
    faults: {
      add: (rule) => state.faults.add(rule),
      clear: () => state.faults.clear(),
      list: () => state.faults.list(),
    },
    stats: () => state.stats(),
    leads: () => state.leads.all(),
    activities: () => state.activities.all(),
    reset: () => state.reset(),
    close: () => (closing ??= shutDown(server, lifetime)),
  };
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new RangeError(`Sandbox option ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // --- Security-sensitive: loopback only; the sandbox is never reachable from the network. ---
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and drops every connection, idle keep-alive ones included, so callers exit promptly. */
function shutDown(server: Server, lifetime: AbortController): Promise<void> {
  lifetime.abort();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
