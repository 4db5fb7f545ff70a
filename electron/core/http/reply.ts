import type { ServerResponse } from 'node:http';

/** A JSON response as data, so route handlers stay plain functions the server writes out. */
export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function sendJson(res: ServerResponse, reply: JsonReply): void {
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
