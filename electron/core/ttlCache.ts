/**
 * The one expiring map in core: access tokens and looked-up lead ids both live here. An entry is
 * dropped on the first read at or after its deadline, so nothing needs a timer.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** How long the entry stays valid, in ms; undefined when there is none (or it has expired). */
  remainingMs(key: string): number | undefined {
    if (this.get(key) === undefined) return undefined;
    return (this.entries.get(key) as { until: number }).until - this.now();
  }

  set(key: string, value: V, ttlMs: number): void {
    this.entries.set(key, { value, until: this.now() + ttlMs });
  }

  /** Deletes the entry; with `onlyIf`, only while it still holds that value. */
  delete(key: string, onlyIf?: (value: V) => boolean): void {
    const entry = this.entries.get(key);
    if (entry && (onlyIf === undefined || onlyIf(entry.value))) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
