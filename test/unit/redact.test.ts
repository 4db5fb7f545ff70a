import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  redactBody,
  redactForm,
  redactHeaders,
  redactText,
  redactUrl,
  SecretSet,
  secretForms,
} from '../../electron/core/redact';
import { checkEndpoint, isLoopbackHost } from '../../electron/core/marketo/endpoint';

describe('redaction', () => {
  it('redacts secret query parameters and keeps the rest', () => {
    const url =
      'https://1-A.mktorest.com/identity/oauth/token?grant_type=client_credentials&client_id=abc&client_secret=s3cr%2Bt#frag';
    expect(redactUrl(url)).toBe(
      `https://1-A.mktorest.com/identity/oauth/token?grant_type=client_credentials&client_id=${REDACTED}&client_secret=${REDACTED}#frag`,
    );
    expect(redactUrl('http://h/rest/v1/leads.json?access_token=tok&filterType=email')).toBe(
      `http://h/rest/v1/leads.json?access_token=${REDACTED}&filterType=email`,
    );
    expect(redactUrl('http://h/rest/v1/leads.json')).toBe('http://h/rest/v1/leads.json');
  });

  it('redacts form bodies, including encoded key names', () => {
    expect(redactForm('filterType=email&access_token=x&client%5Fsecret=y')).toBe(
      `filterType=email&access_token=${REDACTED}&client%5Fsecret=${REDACTED}`,
    );
  });

  it('redacts Authorization as Bearer [REDACTED] and cookies whole', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer abc:int',
        cookie: 'a=b',
        'Set-Cookie': 'sid=1',
        'Content-Type': 'application/json',
      }),
    ).toEqual({
      Authorization: `Bearer ${REDACTED}`,
      cookie: REDACTED,
      'Set-Cookie': REDACTED,
      'Content-Type': 'application/json',
    });
  });

  it('redacts access_token in JSON bodies at any depth without changing the input', () => {
    const body = { access_token: 't', token_type: 'bearer', nested: [{ access_token: 'u', keep: 1 }] };
    expect(redactBody(body)).toEqual({
      access_token: REDACTED,
      token_type: 'bearer',
      nested: [{ access_token: REDACTED, keep: 1 }],
    });
    expect(body.access_token).toBe('t');
    expect(redactBody('grant_type=x&client_secret=y')).toBe(`grant_type=x&client_secret=${REDACTED}`);
    expect(redactBody('plain text body')).toBe('plain text body');
  });

  it('scrubs known secrets and secret-looking parameters from free text', () => {
    const text =
      'GET http://h/x?client_secret=hunter22 failed; token abc-123:int, Bearer xyz.w= and x=hunter%2022';
    const out = redactText(text, ['hunter22', 'hunter 22', 'abc-123:int']);
    expect(out).not.toMatch(/hunter|abc-123|xyz/);
    expect(out).toContain(`client_secret=${REDACTED}`);
    expect(out).toContain(`Bearer ${REDACTED}`);
  });
});

describe('redaction by value (a server that echoes the request)', () => {
  const secret = 'S3cr3t/Val+ue=ü';
  const token = '6f1c2a9e-2b7d-4c1e-9f0a-1b2c3d4e5f60:sb';

  it.each([
    ['plain', (s: string) => `echo ${s} done`],
    ['percent-encoded', (s: string) => `GET /x?client_secret=${encodeURIComponent(s)}&y=1`],
    ['percent-encoded, lower-case hex', (s: string) => `q=${encodeURIComponent(s).toLowerCase()}`],
    ['form-encoded', (s: string) => new URLSearchParams({ echo: s }).toString()],
    ['JSON-escaped', (s: string) => JSON.stringify({ echoed: `Bearer ${s}` })],
    [
      'JSON-escaped with \\u escapes',
      (s: string) =>
        JSON.stringify(s).replace(
          /[\u007f-\uffff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        ),
    ],
    ['base64', (s: string) => Buffer.from(s).toString('base64')],
    [
      'base64 inside a longer text, at every alignment',
      (s: string) =>
        ['', 'a', 'ab']
          .map((p) => Buffer.from(`${p}Authorization: Bearer ${s}\r\n`).toString('base64'))
          .join(' '),
    ],
    ['base64url', (s: string) => Buffer.from(`x${s}`).toString('base64url')],
  ])('removes a secret echoed %s', (_name, echo) => {
    const secrets = new SecretSet([secret, token]);
    for (const value of [secret, token]) {
      const out = secrets.scrub(echo(value));
      expect(out).toContain(REDACTED);
      expect(out).not.toContain(value);
      expect(out).not.toContain(encodeURIComponent(value));
      expect(out.toLowerCase()).not.toContain(encodeURIComponent(value).toLowerCase());
      const b64 = Buffer.from(value).toString('base64');
      expect(out).not.toContain(b64.slice(4, -4));
    }
  });

  it('scrubs keys and values of JSON bodies and headers, and leaves other text alone', () => {
    const secrets = new SecretSet([token]);
    expect(secrets.scrubValue({ [token]: [`x ${token}`], n: 1, keep: 'plain' })).toEqual({
      [REDACTED]: [`x ${REDACTED}`],
      n: 1,
      keep: 'plain',
    });
    expect(secrets.scrubHeaders({ 'x-echo': `Bearer ${token}` })).toEqual({ 'x-echo': `Bearer ${REDACTED}` });
    expect(secrets.scrub('nothing secret here')).toBe('nothing secret here');
    expect(secretForms('abc')).toEqual([]);
  });
});

describe('endpoints: plain http only to literal loopback and exactly localhost', () => {
  it.each([
    ['http://127.0.0.1:4010', true],
    ['http://127.1.2.3', true],
    ['http://localhost:4010', true],
    ['http://[::1]:4010', true],
    ['http://foo.localhost:4010', false],
    ['http://localhost.example.com', false],
    ['http://127.0.0.1.nip.io', false],
    ['http://127.0.0.300', false],
    ['http://10.0.0.1', false],
    ['https://foo.localhost', true],
  ])('%s accepted: %s', (url, accepted) => {
    expect(checkEndpoint(url).ok).toBe(accepted);
  });
  it('isLoopbackHost takes no *.localhost name', () => {
    expect(isLoopbackHost('api.localhost')).toBe(false);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
  });
});
