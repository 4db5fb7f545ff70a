import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { IpcResult } from '../../shared/ipc/contract';
import { hostAllowed, originAllowed } from '../core/http/loopback';
import { TOKEN_HEADER } from './wire';

/**
 * The checks in front of the web host. A page in the user's browser can reach 127.0.0.1, so being
 * on loopback proves nothing: each request must name our host, come from our origin and, for the
 * API, carry the session token that only the tab we opened knows.
 */

export interface Refusal {
  status: 403;
  result: IpcResult<never>;
}

function refuse(message: string): Refusal {
  return { status: 403, result: { ok: false, error: { code: 'forbidden', message } } };
}

/** Checks every request, files included: a rebinding page must not even read our HTML. */
export function checkSite(req: IncomingMessage, port: number): Refusal | null {
  // --- SECURITY: DNS rebinding. Only `127.0.0.1:PORT` and `localhost:PORT` are our names.
  if (!hostAllowed(req.headers.host, port)) return refuse('Unexpected Host header.');
  // --- SECURITY: CSRF. A browser names the page that made the request; only our own origin may.
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, port))
    return refuse('Cross-origin requests are refused.');
  return null;
}

/** Checks a request to the API (`/ipc/*`, `/events`), after `checkSite`. */
export function checkApi(req: IncomingMessage, token: string): Refusal | null {
  // --- SECURITY: CSRF, second opinion. Fetch metadata says where the request came from even when
  // Origin is absent (a GET); `same-site` includes other ports on localhost, which are not us.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return refuse('Requests from other sites are refused.');
  }
  // --- SECURITY: the session token, from the header only: never a cookie (a foreign page's request
  // would carry it) and never the query string (it would land in history and logs).
  const presented = req.headers[TOKEN_HEADER.toLowerCase()];
  if (typeof presented !== 'string' || !tokensEqual(presented, token)) {
    return refuse(
      'Missing or wrong session token. Open Event Tester with the link `event-tester ui` printed.',
    );
  }
  return null;
}

// --- SECURITY: constant-time comparison. Hashing first gives equal-length inputs, so neither the
// length nor the first differing byte of the token leaks through timing.
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
