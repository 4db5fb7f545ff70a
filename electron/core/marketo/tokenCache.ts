import { createHash } from 'node:crypto';
import { TtlCache } from '../ttlCache';

/**
 * Access tokens per (endpoint, client id, secret), kept until shortly before they expire. Concurrent
 * requests for the same key share one identity call. Tokens live only in memory.
 */

export interface IssuedToken {
  token: string;
  /** Seconds left, as Marketo's `expires_in`. */
  expiresInSeconds: number;
}

/** Refresh this long before expiry (capped at a tenth of the token's life for short-lived tokens). */
const EARLY_REFRESH_MS = 60_000;

export class TokenCache {
  private readonly tokens: TtlCache<string>;
  private readonly pending = new Map<string, Promise<string>>();

  constructor(now: () => number = Date.now) {
    this.tokens = new TtlCache(now);
  }

  /**
   * Per credentials, not just per client id: a token issued for the old secret must not make a
   * wrong new one look right (Test connection would pass, a send would deliver). The secret is
   * kept only as a digest in the key.
   */
  static key(endpoint: string, clientId: string, clientSecret: string): string {
    const secret = createHash('sha256').update(clientSecret).digest('hex');
    return `${endpoint}\u0000${clientId}\u0000${secret}`;
  }

  /** A cached token, or `undefined` when there is none or it is due for refresh. */
  peek(key: string): string | undefined {
    return this.tokens.get(key);
  }

  /** How long the cached token is used before it is refreshed, in ms; undefined when none is cached. */
  validForMs(key: string): number | undefined {
    return this.tokens.remainingMs(key);
  }

  /**
   * The cached token, or one from `issue` (shared by concurrent callers). A token issued with
   * `expires_in` <= 0 is already expired: it is not cached, and `issue` is expected to treat it
   * as a failure (see client.ts).
   */
  async get(key: string, issue: () => Promise<IssuedToken>): Promise<string> {
    const cached = this.peek(key);
    if (cached) return cached;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = (async () => {
      const issued = await issue();
      const lifeMs = issued.expiresInSeconds * 1000;
      if (lifeMs > 0) {
        const early = Math.min(EARLY_REFRESH_MS, lifeMs / 10);
        this.tokens.set(key, issued.token, lifeMs - early);
      }
      return issued.token;
    })();
    this.pending.set(key, promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(key);
    }
  }

  /** Drops the token after 601/602; only if it is still the one that failed. */
  invalidate(key: string, token?: string): void {
    this.tokens.delete(key, (cached) => token === undefined || cached === token);
  }

  clear(): void {
    this.tokens.clear();
  }
}
