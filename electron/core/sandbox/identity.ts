import { createHash, timingSafeEqual } from 'node:crypto';
import type { Reply } from './envelope';
import type { TokenStore } from './tokens';

export const SANDBOX_SCOPE = 'sandbox-api@example.com';

/**
 * `/identity/oauth/token`: the client_credentials grant. Answers in OAuth's shape, not Marketo's
 * envelope; bad credentials are a real HTTP 401.
 */
export function handleIdentity(
  params: URLSearchParams,
  credentials: { clientId: string; clientSecret: string },
  tokens: TokenStore,
): Reply {
  const grantType = params.get('grant_type');
  if (grantType !== 'client_credentials') {
    return {
      status: 400,
      body: {
        error: 'unsupported_grant_type',
        error_description: `Unsupported grant type: ${grantType ?? '(none)'}`,
      },
    };
  }
  const clientId = params.get('client_id') ?? '';
  const clientSecret = params.get('client_secret') ?? '';
  if (!(sameSecret(clientId, credentials.clientId) && sameSecret(clientSecret, credentials.clientSecret))) {
    return { status: 401, body: { error: 'invalid_client', error_description: 'Bad client credentials' } };
  }
  const { accessToken, expiresIn } = tokens.issue(clientId);
  return {
    status: 200,
    body: { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn, scope: SANDBOX_SCOPE },
    headers: { 'Cache-Control': 'no-store' },
  };
}

/** --- Security-sensitive: credential check in constant time (hash first so lengths don't leak). --- */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
