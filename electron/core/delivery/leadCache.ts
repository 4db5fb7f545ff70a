import { TtlCache } from '../ttlCache';

/**
 * Lead ids per (lookup field, value) for one Marketo instance, so repeated events for the same
 * person skip the lookup call. Entries expire because leads can be merged or deleted in Marketo
 * behind our back.
 */
export class LeadCache {
  private readonly ids: TtlCache<number>;

  constructor(
    private readonly ttlMs: number,
    now: () => number = Date.now,
  ) {
    this.ids = new TtlCache(now);
  }

  private static key(field: string, value: string): string {
    // Marketo matches emails case-insensitively; other fields exactly.
    return `${field}\u0000${field === 'email' ? value.toLowerCase() : value}`;
  }

  get(field: string, value: string): number | undefined {
    return this.ids.get(LeadCache.key(field, value));
  }

  /** How long ago the cached id was looked up, in ms; undefined when none is cached. */
  ageMs(field: string, value: string): number | undefined {
    const remaining = this.ids.remainingMs(LeadCache.key(field, value));
    return remaining === undefined ? undefined : this.ttlMs - remaining;
  }

  set(field: string, value: string, id: number): void {
    this.ids.set(LeadCache.key(field, value), id, this.ttlMs);
  }

  delete(field: string, value: string): void {
    this.ids.delete(LeadCache.key(field, value));
  }

  clear(): void {
    this.ids.clear();
  }
}
