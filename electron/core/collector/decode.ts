import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import type { CollectorProblem } from '../../../shared/collector';
import { err, ok, type Result } from '../../../shared/result';
import { parseJsonText } from '../../../shared/segment/validate';
import { mediaType } from '../http/body';

/**
 * From a request's bytes to JSON: gzip undone (analytics-node and the mobile libraries compress),
 * `application/json` or analytics.js's `text/plain` (which spares it a CORS preflight) parsed, and
 * the write key read from Basic auth (`base64(writeKey + ":")`).
 */

/** Largest body kept, compressed or not; Segment's own limit is 500 KB, so this is far past it. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const ACCEPTED_TYPES = new Set(['application/json', 'text/plain', '']);

export function writeKeyFromAuth(header: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return key === '' ? null : key;
}

export function requestProblems(req: IncomingMessage): CollectorProblem[] {
  const type = mediaType(req);
  if (ACCEPTED_TYPES.has(type)) return [];
  return [
    {
      level: 'warning',
      path: '$',
      message: `was sent as ${type}; Segment's API takes application/json (analytics.js sends text/plain)`,
    },
  ];
}

/** The body as text, gunzipped when the client says so; an error names what went wrong. */
export async function bodyText(req: IncomingMessage, bytes: Buffer): Promise<Result<string>> {
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return ok(bytes.toString('utf8'));
  if (encoding !== 'gzip') return err(`Content-Encoding ${encoding} is not supported (send gzip or nothing)`);
  return new Promise((resolve) => {
    // --- SECURITY: a small gzip body can inflate to gigabytes; stop at the body limit.
    gunzip(bytes, { maxOutputLength: MAX_BODY_BYTES }, (error, out) => {
      if (error) resolve(err(`the gzip body could not be decompressed (${error.message})`));
      else resolve(ok(out.toString('utf8')));
    });
  });
}

export function parseBody(text: string): Result<unknown, CollectorProblem> {
  const parsed = parseJsonText(text);
  if (parsed.ok) return ok(parsed.value);
  return err({ level: 'error', path: '$', message: `the body is ${parsed.error.message}` });
}
