/**
 * Links the app may hand to the system browser: documentation the UI points at. Anything else a
 * page tries to open goes nowhere.
 */
const ALLOWED: readonly { host: string; pathPrefix: string }[] = [
  { host: 'experienceleague.adobe.com', pathPrefix: '/' },
  { host: 'developer.adobe.com', pathPrefix: '/marketo-apis/' },
  { host: 'segment.com', pathPrefix: '/docs/' },
  { host: 'github.com', pathPrefix: '/' },
];

// --- SECURITY: shell.openExternal runs whatever handler the OS has for a URL, so only exact
// https hosts from the list above pass, without credentials or an explicit port.
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return ALLOWED.some((rule) => url.hostname === rule.host && url.pathname.startsWith(rule.pathPrefix));
}
