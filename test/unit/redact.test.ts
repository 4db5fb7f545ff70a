import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  redactBody,
  redactForm,
  redactHeaders,
  redactText,
  redactUrl,
} from '../../electron/core/redact';

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
