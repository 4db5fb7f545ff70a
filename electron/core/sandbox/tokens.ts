import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { item, type MarketoErrorItem } from './envelope';

interface TokenRecord {
  clientId: string;
  expiresAt: number;
}

export type TokenState = 'valid' | 'expired' | 'unknown';

/**
 * Access tokens as Marketo issues them: one live token per client id, handed out again with its
 * remaining lifespan until it expires. Expired tokens stay known so they can be answered with 602.
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly current = new Map<string, string>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(clientId: string): { accessToken: string; expiresIn: number } {
    const t = this.now();
    const existing = this.current.get(clientId);
    const record = existing === undefined ? undefined : this.tokens.get(existing);
    if (existing !== undefined && record !== undefined && record.expiresAt > t) {
      return { accessToken: existing, expiresIn: secondsLeft(record.expiresAt - t) };
    }
    const accessToken = `${randomUUID()}:sb`;
    const expiresAt = t + this.ttlSeconds * 1000;
    this.tokens.set(accessToken, { clientId, expiresAt });
    this.current.set(clientId, accessToken);
    return { accessToken, expiresIn: secondsLeft(expiresAt - t) };
  }

  check(token: string): TokenState {
    const record = this.tokens.get(token);
    if (record === undefined) return 'unknown';
    return record.expiresAt > this.now() ? 'valid' : 'expired';
  }

  clear(): void {
    this.tokens.clear();
    this.current.clear();
  }
}

/** Marketo reports 3599 for a fresh one-hour token: whole seconds left, rounded down past the first. */
function secondsLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000) - 1);
}

/**
 * --- Security-sensitive: REST authentication ---
 * Only `Authorization: Bearer` is accepted. A token in the `access_token` query or form parameter is
 * refused outright (Marketo is removing it), so a client that leaks tokens into URLs fails loudly here.
 */
export function authenticate(
  req: IncomingMessage,
  params: URLSearchParams,
  tokens: TokenStore,
): MarketoErrorItem | null {
  if (params.has('access_token')) {
    return item(
      '601',
      'Access token invalid: the access_token query parameter has been removed; send it as Authorization: Bearer <token>',
    );
  }
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) return item('600', 'Empty access token');
  switch (tokens.check(match[1]!)) {
    case 'valid':
      return null;
    case 'expired':
      return item('602', 'Access token expired');
    default:
      return item('601', 'Access token invalid');
  }
}
