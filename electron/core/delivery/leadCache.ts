/**
 * Lead ids per (lookup field, value) for one Marketo instance, so repeated events for the same
 * person skip the lookup call. Entries expire after a TTL because leads can be merged or deleted
 * in Marketo behind our back.
 */
export class LeadCache {
  private readonly entries = new Map<string, { id: number; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private static key(field: string, value: string): string {
    // Marketo matches emails case-insensitively; other fields exactly.
    return `${field}\u0000${field === 'email' ? value.toLowerCase() : value}`;
  }

  get(field: string, value: string): number | undefined {
    const key = LeadCache.key(field, value);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.id;
  }

  set(field: string, value: string, id: number): void {
    this.entries.set(LeadCache.key(field, value), { id, until: this.now() + this.ttlMs });
  }

  delete(field: string, value: string): void {
    this.entries.delete(LeadCache.key(field, value));
  }

  clear(): void {
    this.entries.clear();
  }
}
