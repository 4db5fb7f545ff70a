import type { z } from 'zod';
import { type Channel, type IpcError, type IpcResult, contract } from '../../../shared/ipc/contract';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

export interface DispatchOptions {
  /** Told about unexpected handler errors (which the caller only sees as a generic 'internal'). */
  onError?: (channel: Channel, error: unknown) => void;
}

/**
 * The single road from an IPC request to core, shared by Electron main and the e2e harness:
 * known channel, request parsed by the contract, handler called, response parsed by the contract,
 * every failure turned into a typed error. Nothing here throws.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: string,
  rawRequest: unknown,
  options: DispatchOptions = {},
): Promise<IpcResult<unknown>> {
  // hasOwn, not `in`: a channel named `toString` or `__proto__` must not reach the prototype.
  if (!isChannel(channel)) {
    return fail('bad-request', `Unknown channel "${channel.slice(0, 80)}".`);
  }
  const spec = contract[channel];
  const request = spec.request.safeParse(rawRequest);
  if (!request.success) {
    return fail('bad-request', `Invalid request for ${channel}: ${describeIssues(request.error.issues)}`);
  }

  let raw: unknown;
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    raw = await handler(request.data);
  } catch (error) {
    if (!(error instanceof IpcHandlerError)) options.onError?.(channel, error);
    return failFromError(channel, error);
  }

  const response = (spec.response as z.ZodType).safeParse(raw);
  if (!response.success) {
    // A handler answered outside the contract: our bug, never the caller's.
    return fail('internal', `The app produced an invalid response for ${channel}.`);
  }
  return { ok: true, value: response.data };
}

export function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(contract, channel);
}

/** Readable, value-free summary of zod issues: `targetId: Too small ...; sendId: Invalid input ...`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], limit = 5): string {
  const parts = issues.slice(0, limit).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map((key) => String(key)).join('.') : '(request)';
    return `${path}: ${issue.message}`;
  });
  if (issues.length > limit) parts.push(`and ${issues.length - limit} more`);
  return parts.join('; ');
}

// --- SECURITY: error text crosses to the renderer. Only messages written for the user
// (IpcHandlerError) pass through; anything else may quote a URL, a header or a secret from deep
// inside a library, so it is replaced by a generic message.
function failFromError(channel: Channel, error: unknown): IpcResult<never> {
  if (error instanceof IpcHandlerError) return fail(error.code, error.message);
  return fail('internal', `Something went wrong while handling ${channel}.`);
}

function fail(code: IpcError['code'], message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}
