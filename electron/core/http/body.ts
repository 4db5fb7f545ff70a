import type { IncomingMessage } from 'node:http';
import { type Result, err, ok } from '../../../shared/result';

export interface Body {
  bytes: Buffer;
  /** More than `limit` bytes arrived; `bytes` holds only the first `limit`. */
  tooLarge: boolean;
}

export interface ReadBodyOptions {
  /** Bytes kept; past this the body is `tooLarge`. */
  limit: number;
  /**
   * Past this many bytes the connection is dropped. Between `limit` and here the rest is read and
   * thrown away, so a client that is still uploading can read the 413 instead of a broken pipe.
   */
  drainLimit?: number;
}

const DEFAULT_DRAIN_BYTES = 32 * 1024 * 1024;

/**
 * Reads a request body while it streams in, never holding more than `limit` bytes: an oversized
 * upload costs us at most `limit` of memory, however large it is.
 */
export function readBody(req: IncomingMessage, options: ReadBodyOptions): Promise<Body> {
  const { limit } = options;
  const drainLimit = Math.max(options.drainLimit ?? DEFAULT_DRAIN_BYTES, limit);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      const before = size;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (before < limit) chunks.push(chunk.subarray(0, limit - before));
      if (size > drainLimit) req.destroy();
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > limit }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

/** A declared Content-Length over the limit: answer before reading a byte of it. */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit;
}

/** `application/json; charset=utf-8` -> `application/json`. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Query parameters, plus a form-urlencoded body when there is one. */
export function formParams(url: URL, req: IncomingMessage, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(url.searchParams);
  if (mediaType(req) === 'application/x-www-form-urlencoded' && body.length > 0) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

export type JsonBodyProblem = 'not-json-content-type' | 'invalid-json';

/** A JSON request body: the content type must say so and the bytes must parse. */
export function parseJsonBody(type: string, bytes: Buffer): Result<unknown, JsonBodyProblem> {
  if (type !== 'application/json') return err('not-json-content-type');
  try {
    return ok(JSON.parse(bytes.toString('utf8')) as unknown);
  } catch {
    return err('invalid-json');
  }
}

export { isRecord } from '../../../shared/json/value';
