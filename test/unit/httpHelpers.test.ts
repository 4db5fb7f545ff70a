import { createServer, request } from 'node:http';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonBody, readBody } from '../../electron/core/http/body';
import { hostAllowed, originAllowed } from '../../electron/core/http/loopback';
import { contentTypeOf, resolveStaticPath } from '../../electron/core/http/staticAssets';
import { tokensEqual } from '../../electron/web/guard';
import { injectBridge } from '../../electron/web/staticFiles';

describe('readBody', () => {
  async function post(body: Buffer, limit: number) {
    const server = createServer((req, res) => {
      void readBody(req, { limit }).then((read) =>
        res.end(JSON.stringify({ size: read.bytes.length, tooLarge: read.tooLarge })),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    try {
      return await new Promise<{ size: number; tooLarge: boolean }>((done, fail) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST' }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => done(JSON.parse(text)));
        });
        req.on('error', fail);
        for (let i = 0; i < body.length; i += 1000) req.write(body.subarray(i, i + 1000));
        req.end();
      });
    } finally {
      server.close();
    }
  }

  it('keeps a body within the limit whole', async () => {
    expect(await post(Buffer.alloc(5000, 1), 5000)).toEqual({ size: 5000, tooLarge: false });
  });

  it('keeps no more than the limit of an oversized body, and says so', async () => {
    expect(await post(Buffer.alloc(5500, 1), 2500)).toEqual({ size: 2500, tooLarge: true });
  });
});

describe('parseJsonBody', () => {
  it('wants the JSON content type and bytes that parse', () => {
    expect(parseJsonBody('application/json', Buffer.from('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonBody('text/plain', Buffer.from('{}'))).toEqual({
      ok: false,
      error: 'not-json-content-type',
    });
    expect(parseJsonBody('application/json', Buffer.from('{'))).toEqual({ ok: false, error: 'invalid-json' });
  });
});

describe('loopback checks', () => {
  it('knows our two names on our port only', () => {
    expect(hostAllowed('127.0.0.1:4000', 4000)).toBe(true);
    expect(hostAllowed('LOCALHOST:4000', 4000)).toBe(true);
    for (const host of [
      undefined,
      '127.0.0.1',
      '127.0.0.1:4001',
      'evil.test:4000',
      '[::1]:4000',
      '127.0.0.1:4000.evil.test',
    ]) {
      expect(hostAllowed(host, 4000), String(host)).toBe(false);
    }
    expect(originAllowed('http://localhost:4000', 4000)).toBe(true);
    for (const origin of ['null', 'https://127.0.0.1:4000', 'http://localhost:4001', 'http://evil.test']) {
      expect(originAllowed(origin, 4000), origin).toBe(false);
    }
  });
});

describe('static assets', () => {
  const root = resolve('/srv/renderer');
  it('resolves paths inside the root and refuses the rest', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
    for (const path of ['/../x', '/%2e%2e/x', '/a/..%2f..%2fx', '/a%5cb', '/a%00b', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });

  it('types files by extension, including keys an object has by inheritance', () => {
    expect(contentTypeOf('/a/index.HTML')).toMatch(/^text\/html/);
    expect(contentTypeOf('/a/b.constructor')).toBe('application/octet-stream');
    expect(contentTypeOf('/a/noext')).toBe('application/octet-stream');
  });
});

describe('web host parts', () => {
  it('compares tokens whatever their lengths', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abd', 'abc')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
    expect(tokensEqual('abcd', 'abc')).toBe(false);
  });

  it('injects the bridge before the first script, else before </head>', () => {
    const html = '<head><script type="module" src="/a.js"></script></head>';
    expect(injectBridge(html).indexOf('/__bridge.js')).toBeLessThan(injectBridge(html).indexOf('/a.js'));
    expect(injectBridge('<head><title>x</title></head>')).toContain(
      '<script src="/__bridge.js"></script>\n</head>',
    );
  });
});
