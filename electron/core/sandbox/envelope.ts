import { randomBytes } from 'node:crypto';
import type { JsonReply } from '../http/reply';

/** A `{code, message}` pair as Marketo returns it: the code is a quoted string. */
export interface MarketoErrorItem {
  code: string;
  message: string;
}

/** What a route handler produces; the server writes it. */
export type Reply = JsonReply;

/** Thrown by handlers for a response-level failure (`success:false` with one error). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let sequence = randomBytes(3).readUIntBE(0, 3);

/** Shaped like Marketo's `e42b#14272d07d78`: a short hex counter, `#`, the time in hex. */
export function requestId(): string {
  sequence = (sequence + 1) % 0x100000;
  return `${sequence.toString(16)}#${Date.now().toString(16)}`;
}

export function success(result: unknown[]): Reply {
  return { status: 200, body: { requestId: requestId(), result, success: true } };
}

/** Marketo reports API-level failures with HTTP 200 and `success:false`. */
export function failure(code: string, message: string): Reply {
  return { status: 200, body: { requestId: requestId(), success: false, errors: [{ code, message }] } };
}

export function item(code: string, message: string): MarketoErrorItem {
  return { code, message };
}
