import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * How the built renderer is served, by every host: Electron's app:// protocol and the browser host
 * of `event-tester ui`. One policy, so the page runs under the same rules wherever it is opened.
 */

// No remote origin anywhere: the renderer talks only to its host (IPC or the web bridge on the same
// origin), never to Marketo or a CDN; scripts only from files, never inline.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Content types of the built renderer's files. */
export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  const extension = extname(file).toLowerCase();
  // hasOwn: the extension comes from the request path.
  return Object.hasOwn(MIME_TYPES, extension) ? MIME_TYPES[extension]! : 'application/octet-stream';
}

// --- SECURITY: the URL path comes from the page (or anyone who can reach the port). After decoding
// it must still name a file inside `root`; `..`, backslashes, NUL bytes and bad escapes are refused.
export function resolveStaticPath(root: string, rawPathname: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path.split('/').some((segment) => segment === '..')) return null;
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.endsWith('/')) path += 'index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  const rel = relative(base, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return file;
}
