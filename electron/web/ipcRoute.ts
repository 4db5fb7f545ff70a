import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IpcResult } from '../../shared/ipc/contract';
import { declaredTooLarge, mediaType, parseJsonBody, readBody } from '../core/http/body';
import { sendJson } from '../core/http/reply';
import { type DispatchOptions, dispatch, isChannel } from '../core/handlers/dispatch';
import type { HandlerTable } from '../core/handlers/types';
import { IPC_PREFIX } from './wire';

export interface IpcRouteOptions {
  handlers: HandlerTable;
  maxBodyBytes: number;
  onError?: DispatchOptions['onError'];
}

/** Past this we stop reading an oversized body and drop the connection instead of draining it. */
const DRAIN_FACTOR = 4;

function reply(
  res: ServerResponse,
  status: number,
  result: IpcResult<unknown>,
  headers?: Record<string, string>,
) {
  sendJson(res, {
    status,
    body: result,
    headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers },
  });
}

function badRequest(message: string): IpcResult<never> {
  return { ok: false, error: { code: 'bad-request', message } };
}

/**
 * `POST /ipc/<channel>` with a JSON body: the same road as Electron's IPC, `dispatch` (known channel,
 * zod-parsed request, handler, checked response). A result from dispatch is HTTP 200 whether ok or
 * not, as the envelope carries the error; other statuses are for requests that never reached it.
 * The caller has already checked Host, Origin and the token.
 */
export async function handleIpc(
  req: IncomingMessage,
  res: ServerResponse,
  options: IpcRouteOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    return reply(res, 405, badRequest('Use POST for /ipc/<channel>.'), { Allow: 'POST' });
  }
  let channel: string;
  try {
    channel = decodeURIComponent(
      new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(IPC_PREFIX.length),
    );
  } catch {
    return reply(res, 404, badRequest('Unknown channel.'));
  }
  if (mediaType(req) !== 'application/json') {
    return reply(res, 415, badRequest('The request body must be application/json.'));
  }
  // --- SECURITY: bounded memory. A declared oversize body is refused unread; an undeclared
  // (chunked) one is read with a cap, keeping at most maxBodyBytes whatever arrives.
  const limit = options.maxBodyBytes;
  const tooLarge = () =>
    reply(res, 413, badRequest(`The request body is over ${limit} bytes.`), { Connection: 'close' });
  if (declaredTooLarge(req, limit * DRAIN_FACTOR)) return tooLarge();
  const body = await readBody(req, { limit, drainLimit: limit * DRAIN_FACTOR });
  if (body.tooLarge) return tooLarge();
  const parsed = parseJsonBody('application/json', body.bytes);
  if (!parsed.ok) return reply(res, 400, badRequest('The request body is not valid JSON.'));

  // dispatch checks the channel with Object.hasOwn and parses the request with the contract's schema.
  const result = await dispatch(options.handlers, channel, parsed.value, { onError: options.onError });
  reply(res, isChannel(channel) ? 200 : 404, result);
}
