import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY, contentTypeOf, resolveStaticPath } from '../core/http/staticAssets';
import { sendText } from '../core/http/reply';
import { BRIDGE_PATH } from './wire';

export interface StaticSite {
  rendererDir: string;
  /** The bundled bridge script, served at BRIDGE_PATH. */
  bridgeScript: Buffer;
}

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' } as const;

/**
 * index.html with the bridge loaded first. An external script, because the CSP allows no inline
 * script; a classic one, so it runs while the page parses, before the app's (deferred) module.
 */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd !== -1) return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`;
  return `${tag}\n${html}`;
}

/** GET/HEAD for the renderer's files and the bridge; the caller has checked Host and Origin. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  site: StaticSite,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (pathname === BRIDGE_PATH) {
    return send(req, res, 'text/javascript; charset=utf-8', site.bridgeScript);
  }
  const file = resolveStaticPath(site.rendererDir, pathname);
  if (file === null) return sendText(res, 403, 'Forbidden', 'text/plain', BASE_HEADERS);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return sendText(res, 404, 'Not found', 'text/plain', BASE_HEADERS);

  const type = contentTypeOf(file);
  if (type.startsWith('text/html')) {
    const html = injectBridge(await readFile(file, 'utf8'));
    return send(req, res, type, Buffer.from(html), { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  }
  // Revalidated caching (not no-store) keeps Chromium's code cache for Monaco across reloads, as
  // the app protocol's `codeCache` does; a rebuilt file gets a new ETag.
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = { ...BASE_HEADERS, 'Content-Type': type, ETag: etag };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  type: string,
  body: Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': type, 'Content-Length': body.length, ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}
