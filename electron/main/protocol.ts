import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, MIME_TYPES, resolveStaticPath } from '../core/http/staticAssets';
import { APP_HOST, APP_SCHEME } from './appOrigin';

// Re-exported for the tests and callers that know them from here.
export { CONTENT_SECURITY_POLICY, MIME_TYPES };

/**
 * The privileges `app://` is registered with (before ready): a standard, secure origin with fetch.
 * corsEnabled because Vite emits `<script type="module" crossorigin>`, fetched in CORS mode.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
} as const;

/**
 * Serves the built renderer (`dist/renderer`) for `protocol.handle('app', ...)`. Plain fs, so it
 * also reads from inside app.asar and can be unit-tested without Electron.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveRequestPath(root, request.url);
    if (file === null) return plain(403, 'Forbidden');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found');
    }
    const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

// --- SECURITY: the URL path comes from the page. After decoding it must still name a file inside
// the renderer folder; `..`, encoded separators, NUL bytes and other hosts are refused.
export function resolveRequestPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return null;
  return resolveStaticPath(root, url.pathname);
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}
