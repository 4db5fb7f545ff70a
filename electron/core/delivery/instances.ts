import type { DestinationSettings } from '../../../shared/settings';
import type { CallLedger } from '../marketo/callLedger';
import { Governor } from '../marketo/governor';
import { TokenCache } from '../marketo/tokenCache';
import { LeadCache } from './leadCache';

/**
 * What the engine keeps per Marketo instance (endpoint): the call governor that every delivery to
 * that instance shares, and its lead cache; plus the access tokens per (endpoint, client id, secret).
 */
export interface Instance {
  governor: Governor;
  leads: LeadCache;
}

export interface InstanceRegistry {
  readonly tokens: TokenCache;
  /** The instance for an endpoint, created on first use; its limits follow the latest settings. */
  instanceFor(endpoint: string, settings: DestinationSettings): Instance;
  /** Rejects calls still waiting for a governor and forgets tokens and leads. */
  close(): void;
}

export function createInstanceRegistry(options: {
  windowMs: number;
  leadCacheTtlMs: number;
  now: () => Date;
  /** Shared with other processes; each endpoint is one instance in it. */
  ledger?: CallLedger;
}): InstanceRegistry {
  const clock = () => options.now().getTime();
  const tokens = new TokenCache(clock);
  const instances = new Map<string, Instance>();

  return {
    tokens,
    instanceFor(endpoint, settings) {
      const limits = {
        maxCalls: settings.limits.callsPer20s,
        maxInFlight: settings.limits.maxInFlight,
        windowMs: options.windowMs,
      };
      const existing = instances.get(endpoint);
      if (!existing) {
        const created = {
          governor: new Governor(
            limits,
            options.ledger ? { shared: { ledger: options.ledger, instance: endpoint } } : {},
          ),
          leads: new LeadCache(options.leadCacheTtlMs, clock),
        };
        instances.set(endpoint, created);
        return created;
      }
      const current = existing.governor.getLimits();
      if (current.maxCalls !== limits.maxCalls || current.maxInFlight !== limits.maxInFlight) {
        existing.governor.setLimits(limits);
      }
      return existing;
    },
    close() {
      for (const instance of instances.values()) {
        instance.governor.close();
        instance.leads.clear();
      }
      instances.clear();
      tokens.clear();
    },
  };
}
