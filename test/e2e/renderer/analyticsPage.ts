import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * A developer's site on a localhost port: one HTML page that loads Segment's analytics.js bundled
 * from the npm package (`@segment/analytics-next`) by esbuild, the way a site's own build would.
 * Nothing comes from a CDN: the bundle is served here, its settings come from the collector.
 */
export interface AnalyticsPage {
  /** `http://localhost:PORT/` (a different origin from the collector, as a real site is). */
  url(params: { collector: string; writeKey: string; batching?: boolean }): string;
  close(): Promise<void>;
}

const ENTRY = resolve('test/e2e/renderer/analyticsBrowserEntry.ts');

let bundled: Promise<string> | undefined;

/** Bundled once per worker: esbuild takes a second or two on a busy machine. */
function bundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    logLevel: 'error',
  }).then((out) => out.outputFiles[0]!.text);
  return bundled;
}

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>analytics.js test page</title></head>
<body><h1>analytics.js test page</h1><script src="/analytics.js"></script></body></html>`;

export async function startAnalyticsPage(): Promise<AnalyticsPage> {
  const script = await bundle();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/analytics.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(HTML);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: ({ collector, writeKey, batching }) =>
      `http://localhost:${port}/?${new URLSearchParams({
        collector: new URL(collector).host,
        writeKey,
        ...(batching ? { batching: '1' } : {}),
      }).toString()}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
