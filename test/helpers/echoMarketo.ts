/**
 * A stub Marketo that echoes every request back in every way a misbehaving server or proxy does:
 * error pages quoting the URL and the Authorization header, JSON echoing the headers, response
 * headers, base64 dumps, percent-, form- and JSON-escaped copies. The leak tests (integration and
 * e2e) point a target at it and scan everything the product shows, records and stores.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoMarketo {
  url: string;
  /** Every access token it has issued (they must never show either). */
  tokens: string[];
  counts: { identity: number; rest: number };
  close(): Promise<void>;
}

export async function startEchoMarketo(): Promise<EchoMarketo> {
  const tokens: string[] = [];
  const counts = { identity: 0, rest: 0 };
  function echo(req: IncomingMessage, body: string) {
    const dump = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body });
    return {
      dump,
      base64: Buffer.from(dump).toString('base64'),
      forms: new URLSearchParams({
        url: req.url ?? '',
        auth: String(req.headers.authorization ?? ''),
      }).toString(),
    };
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const { dump, base64, forms } = echo(req, body);
    if (req.url?.startsWith('/identity/')) {
      counts.identity += 1;
      if (counts.identity % 2 === 1) {
        // A 400 page quoting the token URL, client_secret and all.
        res.writeHead(400, { 'content-type': 'text/html', 'x-echo-url': encodeURI(req.url ?? '') });
        res.end(
          `<html><body>Bad request ${req.url} ${decodeURIComponent(req.url ?? '')} ${base64} ${forms}</body></html>`,
        );
        return;
      }
      const token = `${randomUUID()}:echo`;
      tokens.push(token);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 3599, scope: 'x' }));
      return;
    }
    counts.rest += 1;
    const auth = String(req.headers.authorization ?? '');
    const headers = { 'x-echo-auth': auth, 'x-echo-b64': Buffer.from(auth).toString('base64') };
    switch (counts.rest % 4) {
      case 1:
        res.writeHead(502, { ...headers, 'content-type': 'text/html' });
        res.end(`<h1>502 Bad Gateway</h1><pre>${dump}</pre><p>${base64}</p><p>${forms}</p>`);
        return;
      case 2:
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            success: false,
            errors: [{ code: auth, message: `Access token ${auth} invalid; ${dump}` }],
          }),
        );
        return;
      case 3:
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            success: true,
            echo: { request: JSON.parse(dump), base64, forms },
            result: [{ id: 1001, [auth]: auth }],
          }),
        );
        return;
      default:
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            success: true,
            result: [{ status: 'skipped', errors: [{ code: '1003', message: `${auth} ${base64}` }] }],
          }),
        );
    }
  }

  return { ...(await listen(handle)), tokens, counts };
}

/** Every form a value could be found in. */
export function secretForms(value: string): string[] {
  const base64 = Buffer.from(value).toString('base64');
  return [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    base64.slice(2, -2),
  ];
}

/**
 * A stub Marketo that delivers normally but whose read-back echoes secrets: the activity it lists
 * (and the id it answers the post with) carry the Authorization header, its base64 and the token
 * URL's client_secret in every attribute value. A verified send's read-back must come out clean.
 */
export async function startReadBackEchoMarketo(): Promise<EchoMarketo> {
  const tokens: string[] = [];
  const counts = { identity: 0, rest: 0 };
  let identityUrl = '';
  let posted: Record<string, unknown>[] = [];
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/identity/oauth/token') {
      counts.identity += 1;
      identityUrl = decodeURIComponent(req.url ?? '');
      const token = `${randomUUID()}:readback`;
      tokens.push(token);
      return json(res, { access_token: token, token_type: 'bearer', expires_in: 3599, scope: 'x' });
    }
    counts.rest += 1;
    const auth = String(req.headers.authorization ?? '');
    const echoed = `${auth} ${Buffer.from(auth).toString('base64')} ${identityUrl}`;
    if (path === '/rest/v1/leads.json') return json(res, { success: true, result: [{ id: 4242 }] });
    if (path === '/rest/v1/activities/external.json') {
      posted = (JSON.parse(body) as { input: Record<string, unknown>[] }).input;
      return json(res, {
        success: true,
        result: posted.map((_, i) => ({ id: 7000 + i, marketoGUID: auth, status: 'added' })),
      });
    }
    if (path === '/rest/v1/activities/pagingtoken.json')
      return json(res, { success: true, nextPageToken: 'PAGE1' });
    if (path === '/rest/v1/activities.json') {
      const result = posted.map((record, i) => ({
        ...record,
        id: 7000 + i,
        marketoGUID: echoed,
        attributes: (record.attributes as { apiName: string }[]).map((a) => ({
          name: a.apiName,
          value: { echoed, [auth]: auth },
        })),
      }));
      return json(res, { success: true, moreResult: false, nextPageToken: 'PAGE2', result });
    }
    return json(res, { success: true, result: [] });
  }

  return { ...(await listen(handle)), tokens, counts };
}

/** Serves `handle` on a free loopback port, each request with its whole body. */
async function listen(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
