import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './envelope';

/** Marketo's gateway limits (reference §7): URI up to 8 KB, body up to 1 MB. */
export const MAX_URI_BYTES = 8 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this we stop draining an oversized body and drop the connection. */
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

export interface Body {
  bytes: Buffer;
  tooLarge: boolean;
}

/**
 * Reads the whole body, keeping at most `limit` bytes. An oversized body is drained rather than cut
 * off so the client can read the 413 instead of seeing its upload fail.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > limit }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Query parameters, plus a form-urlencoded body when there is one (identity, `_method=GET`). */
export function formParams(url: URL, req: IncomingMessage, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(url.searchParams);
  if (mediaType(req) === 'application/x-www-form-urlencoded' && body.length > 0) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  type = 'text/plain',
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': `${type};charset=UTF-8`,
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}
