/**
 * The renderer is served from `app://event-tester/`. `URL.origin` is "null" for custom schemes, so
 * "same origin" is decided by scheme and host here, in one place.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'event-tester';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(raw: string | undefined | null): boolean {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
