/**
 * SECURITY: which Marketo endpoints the engine may talk to. Credentials and tokens go over https,
 * or over plain http only to this machine (the sandbox, a local proxy), never across a network.
 */
import { normalizeEndpoint } from './client';

import { err, ok, type Result } from '../../../shared/result';

/** The normalised endpoint, or why it is refused. */
export type EndpointCheck = Result<string>;

/**
 * Literal loopback addresses and the exact name `localhost` only. `*.localhost` names are not
 * accepted: they need a DNS answer we cannot trust to stay on this machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

export function checkEndpoint(raw: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return err(`'${raw}' is not a URL; expected e.g. https://123-ABC-456.mktorest.com`);
  }
  if (url.username || url.password) {
    return err('the endpoint URL must not contain a user name or password');
  }
  if (url.search || url.hash) {
    return err('the endpoint URL must be the base URL, without a query or fragment');
  }
  if (url.protocol === 'https:') return ok(normalizeEndpoint(url.toString()));
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return ok(normalizeEndpoint(url.toString()));
    return err(
      `plain http:// is allowed only for this machine (127.0.0.1, localhost, [::1]); use https:// for ${url.hostname}`,
    );
  }
  return err(`the endpoint must use https:// (got ${url.protocol})`);
}
