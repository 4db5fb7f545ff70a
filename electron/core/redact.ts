/**
 * SECURITY: redaction of secrets in everything the engine records. Interactions are redacted when
 * they are made, so they can be shown, logged, stored and exported as they are (design.md,
 * "Secrets stay in main"). Keep this the only place that decides what counts as a secret.
 */

export const REDACTED = '[REDACTED]';

/** Query, form and JSON keys whose values are secrets. The client id is treated as one too. */
const SECRET_KEYS = new Set(['client_secret', 'access_token', 'refresh_token', 'client_id']);
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** Replaces secret query parameters; keeps everything else byte for byte where possible. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
  const tail = hash < 0 ? '' : url.slice(hash);
  return `${url.slice(0, q + 1)}${redactForm(query)}${tail}`;
}

/** Redacts an application/x-www-form-urlencoded string (or a query string). */
export function redactForm(form: string): string {
  return form
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = safeDecode(pair.slice(0, eq));
      return isSecretKey(key) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) out[name] = value;
    else if (/^bearer\s/i.test(value)) out[name] = `Bearer ${REDACTED}`;
    else out[name] = REDACTED;
  }
  return out;
}

/** Deep copy of a JSON value with secret keys' values replaced; strings that are forms are redacted too. */
export function redactBody(body: unknown): unknown {
  if (typeof body === 'string') return looksLikeForm(body) ? redactForm(body) : body;
  if (Array.isArray(body)) return body.map(redactBody);
  if (body !== null && typeof body === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      out[key] = isSecretKey(key) ? REDACTED : redactBody(value);
    }
    return out;
  }
  return body;
}

function looksLikeForm(text: string): boolean {
  return /(^|&)[A-Za-z_]+=/.test(text) && !/\s/.test(text.trim());
}

/**
 * Free text (error messages, reasons): removes each known secret value, also in its URL-encoded
 * form, and any `key=value` secret parameter it can spot.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  out = out.replace(
    /\b(client_secret|access_token|refresh_token|client_id)=([^&\s"']+)/gi,
    (_m, key: string) => `${key}=${REDACTED}`,
  );
  return out.replace(/\b(Bearer)\s+(?!\[REDACTED\])[A-Za-z0-9\-._~+/:]+=*/g, `$1 ${REDACTED}`);
}
