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
 * Free text (error messages, reasons): removes each known secret value in every form it can be
 * echoed in (see `secretForms`), and any `key=value` secret parameter or Bearer token it can spot.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  return redactPatterns(new SecretSet(secrets).scrub(text));
}

function redactPatterns(text: string): string {
  const out = text.replace(
    /\b(client_secret|access_token|refresh_token|client_id)=([^&\s"']+)/gi,
    (_m, key: string) => `${key}=${REDACTED}`,
  );
  return out.replace(/\b(Bearer)\s+(?!\[REDACTED\])[A-Za-z0-9\-._~+/:]+=*/g, `$1 ${REDACTED}`);
}

/** Shorter values are not treated as secrets: scrubbing them would mangle ordinary text. */
const MIN_SECRET_CHARS = 4;
/** A base64 fragment shorter than this could match by chance. */
const MIN_BASE64_CORE = 8;

/**
 * --- SECURITY: the forms a secret can come back in ---
 * A misbehaving server or proxy may echo a request in its error page: the URL (percent- or
 * form-encoded), a header, a JSON string (escaped), or base64 (Basic auth, a debug dump). For
 * base64 the secret can start at any of three byte alignments inside a longer encoded text, so for
 * each alignment we take the run of characters that depends only on the secret's own bytes.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret)]);
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replace(/\//g, '\\/'));
  forms.add(escapeNonAscii(json));
  const bytes = Buffer.from(secret, 'utf8');
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * pad) / 6), Math.floor((8 * (pad + bytes.length)) / 6));
    if (core.length < MIN_BASE64_CORE) continue;
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_CHARS);
}

function escapeNonAscii(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * --- SECURITY: redaction by value ---
 * Every secret the engine has been given or issued (client secrets and ids, every access token),
 * removed in every form from whatever is recorded, pushed, printed or stored. Key-based redaction
 * (above) catches fields we know; this catches the same values wherever a server put them.
 */
export class SecretSet {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;

  constructor(initial: readonly (string | undefined)[] = []) {
    this.add(...initial);
  }

  add(...secrets: readonly (string | undefined)[]): void {
    for (const secret of secrets) {
      if (!secret || secret.length < MIN_SECRET_CHARS || this.values.has(secret)) continue;
      this.values.add(secret);
      this.pattern = null;
    }
  }

  list(): string[] {
    return [...this.values];
  }

  /** Text with every form of every secret replaced by [REDACTED]. */
  scrub(text: string): string {
    if (this.values.size === 0 || text.length < MIN_SECRET_CHARS) return text;
    this.pattern ??= this.compile();
    return text.replace(this.pattern, REDACTED);
  }

  /** A deep copy of a JSON-like value with every string (keys too) scrubbed. */
  scrubValue(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((item) => this.scrubValue(item));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[this.scrub(key)] = this.scrubValue(item);
      return out;
    }
    return value;
  }

  scrubHeaders(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[this.scrub(name)] = this.scrub(value);
    return out;
  }

  private compile(): RegExp {
    const forms = [...this.values].flatMap(secretForms).sort((a, b) => b.length - a.length);
    // Case-insensitive: percent-encoding hex and UUID tokens may come back in either case.
    return new RegExp([...new Set(forms)].map(escapeRegExp).join('|'), 'gi');
  }
}
