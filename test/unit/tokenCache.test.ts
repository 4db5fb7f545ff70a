import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../electron/core/marketo/tokenCache';
import { backoffDelay, normalizeEndpoint } from '../../electron/core/marketo/client';
import { checkEndpoint } from '../../electron/core/marketo/endpoint';

describe('TokenCache', () => {
  it('shares one identity call between concurrent callers and caches the token', async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    let issued = 0;
    const issue = async () => ({ token: `t${++issued}`, expiresInSeconds: 3599 });
    const tokens = await Promise.all([cache.get('k', issue), cache.get('k', issue), cache.get('k', issue)]);
    expect(tokens).toEqual(['t1', 't1', 't1']);
    now = 3_000_000;
    expect(await cache.get('k', issue)).toBe('t1');
    // Refreshed 60 s before expiry.
    now = 3_599_000 - 60_000;
    expect(await cache.get('k', issue)).toBe('t2');
  });

  it('refreshes short-lived tokens a tenth of their life early', async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    await cache.get('k', async () => ({ token: 'a', expiresInSeconds: 10 }));
    now = 8_999;
    expect(cache.peek('k')).toBe('a');
    now = 9_000;
    expect(cache.peek('k')).toBeUndefined();
  });

  it('says how long the cached token stays in use (what a dry run tells about the skipped token call)', async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    expect(cache.validForMs('k')).toBeUndefined();
    await cache.get('k', async () => ({ token: 'a', expiresInSeconds: 3600 }));
    now = 600_000;
    expect(cache.validForMs('k')).toBe(3_600_000 - 60_000 - 600_000);
    now = 3_540_000;
    expect(cache.validForMs('k')).toBeUndefined();
  });

  it('does not cache a token issued with expires_in <= 0', async () => {
    const cache = new TokenCache(() => 0);
    await cache.get('k', async () => ({ token: 'dead', expiresInSeconds: 0 }));
    expect(cache.peek('k')).toBeUndefined();
  });

  it('invalidates only the token that failed', async () => {
    const cache = new TokenCache(() => 0);
    await cache.get('k', async () => ({ token: 'new', expiresInSeconds: 100 }));
    cache.invalidate('k', 'old');
    expect(cache.peek('k')).toBe('new');
    cache.invalidate('k', 'new');
    expect(cache.peek('k')).toBeUndefined();
  });
});

describe('client helpers', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const retry = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, retry, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelay(3, retry, () => 0)).toBe(0);
  });

  it('normalizes endpoints', () => {
    expect(normalizeEndpoint('https://1-A.mktorest.com/rest/')).toBe('https://1-A.mktorest.com');
    expect(normalizeEndpoint(' https://1-A.mktorest.com/identity')).toBe('https://1-A.mktorest.com');
  });

  it.each([
    ['https://123-ABC-456.mktorest.com', true],
    ['http://127.0.0.1:8080', true],
    ['http://127.1.2.3', true],
    ['http://localhost:3000/', true],
    ['http://[::1]:4000', true],
    ['http://123-ABC-456.mktorest.com', false],
    ['http://127.0.0.1.evil.test', false],
    ['ftp://127.0.0.1', false],
    ['https://user:pw@host.test', false],
    ['not a url', false],
  ])('checkEndpoint(%s) ok=%s', (url, ok) => {
    expect(checkEndpoint(url).ok).toBe(ok);
  });
});
