import type { CollectorProblem } from '../../../shared/collector';
import { isRecord } from '../../../shared/json/value';
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS, MAX_MESSAGE_BYTES, utf8Bytes } from '../../../shared/segment/lint';
import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import { checkSingleEvent, type Problem } from '../../../shared/segment/validate';
import type { NewReceivedEvent } from '../store';
import type { TrackingRoute } from './routes';

/**
 * Turns one request's body into the events to store, each with its validation result from the same
 * validator and lint the editor uses. Everything that arrived becomes a row: an item Segment would
 * drop (no id, no event name, over 32 KB, in a batch over 500 KB) is kept and marked bad, with why.
 * Payloads are hostile: only own properties are read.
 */

export interface IntakeRequest {
  route: TrackingRoute;
  endpoint: string;
  /** From `Authorization: Basic`; wins over a `writeKey` in the body, as at Segment. */
  authWriteKey: string | null;
  arrivedAt: Date;
  /** Bytes of the (decompressed) body, for the 500 KB batch limit. */
  bodyBytes: number;
  /** Problems with the request itself (content type ...) that every event carries. */
  requestProblems: CollectorProblem[];
}

const MAX_WRITE_KEY = 200;
const CALL_TYPE_SET: ReadonlySet<string> = new Set(CALL_TYPES);

function own(object: unknown, key: string): unknown {
  return isRecord(object) && Object.hasOwn(object, key) ? object[key] : undefined;
}

function ownString(object: unknown, key: string): string | null {
  const value = own(object, key);
  return typeof value === 'string' ? value.slice(0, 500) : null;
}

/** The events of a parsed body; `body` is what JSON.parse gave. */
export function eventsFromBody(body: unknown, request: IntakeRequest): NewReceivedEvent[] {
  const isBatch = request.route.kind === 'batch' || (isRecord(body) && Object.hasOwn(body, 'batch'));
  if (!isBatch) {
    const implied = request.route.kind === 'call' ? request.route.type : undefined;
    return [receive(body, implied, ownString(body, 'writeKey'), request, [])];
  }
  const items = own(body, 'batch');
  if (!Array.isArray(items)) {
    const problem: CollectorProblem = {
      level: 'error',
      path: '$.batch',
      message: 'must be an array of events; Segment drops this request',
    };
    return [unreadable(body, request, [problem], ownString(body, 'writeKey'))];
  }
  const batchProblems = batchLimits(items.length, request.bodyBytes);
  const envelopeKey = ownString(body, 'writeKey');
  const context = own(body, 'context');
  const integrations = own(body, 'integrations');
  return items.map((item) => {
    // Segment merges the envelope's context and integrations into every item; the item wins.
    const merged = isRecord(item)
      ? {
          ...item,
          ...(isRecord(context)
            ? { context: { ...context, ...(isRecord(item.context) ? item.context : {}) } }
            : {}),
          ...(isRecord(integrations)
            ? { integrations: { ...integrations, ...(isRecord(item.integrations) ? item.integrations : {}) } }
            : {}),
        }
      : item;
    return receive(merged, undefined, ownString(item, 'writeKey') ?? envelopeKey, request, batchProblems);
  });
}

function batchLimits(count: number, bytes: number): CollectorProblem[] {
  const problems: CollectorProblem[] = [];
  if (bytes > MAX_BATCH_BYTES)
    problems.push({
      level: 'error',
      path: '$',
      message: `arrived in a batch of ${Math.ceil(bytes / 1024)} KB; Segment rejects a batch over 500 KB, this event with it`,
    });
  if (count > MAX_BATCH_ITEMS)
    problems.push({
      level: 'error',
      path: '$',
      message: `arrived in a batch of ${count} events; Segment drops batches of more than ${MAX_BATCH_ITEMS}`,
    });
  return problems;
}

function receive(
  item: unknown,
  impliedType: CallType | undefined,
  bodyWriteKey: string | null,
  request: IntakeRequest,
  extra: CollectorProblem[],
): NewReceivedEvent {
  const check = checkSingleEvent(item, impliedType ? { impliedType } : {});
  const problems: CollectorProblem[] = [
    ...request.requestProblems,
    ...extra,
    ...check.errors.map((p) => level('error', p)),
    ...check.warnings.map((p) =>
      level(p.path === '$' && p.message.includes('32 KB') ? 'error' : 'warning', p),
    ),
  ];
  const declared = ownString(item, 'type');
  const type = declared !== null && CALL_TYPE_SET.has(declared) ? declared : (impliedType ?? null);
  // A body posted to /v1/<call> without "type" is stored as the call it was posted as.
  const payload = isRecord(item) && type !== null && declared === null ? { ...item, type } : item;
  const oversized = isRecord(item) && utf8Bytes(JSON.stringify(item)) > MAX_MESSAGE_BYTES;
  return {
    arrivedAt: request.arrivedAt,
    writeKey: writeKeyOf(request.authWriteKey ?? bodyWriteKey),
    endpoint: request.endpoint,
    library: ownString(own(own(item, 'context'), 'library'), 'name'),
    type,
    eventName: eventNameOf(item, type),
    userId: idOf(item, 'userId'),
    anonymousId: idOf(item, 'anonymousId'),
    good: check.valid && !oversized && !problems.some((p) => p.level === 'error'),
    problems,
    payload,
  };
}

/** A body that is not events at all (invalid JSON, a batch that is not an array) is still kept. */
export function unreadable(
  payload: unknown,
  request: IntakeRequest,
  problems: CollectorProblem[],
  bodyWriteKey: string | null = null,
): NewReceivedEvent {
  return {
    arrivedAt: request.arrivedAt,
    writeKey: writeKeyOf(request.authWriteKey ?? bodyWriteKey),
    endpoint: request.endpoint,
    library: null,
    type: null,
    eventName: null,
    userId: null,
    anonymousId: null,
    good: false,
    problems: [...request.requestProblems, ...problems],
    payload,
  };
}

function level(kind: CollectorProblem['level'], problem: Problem): CollectorProblem {
  return { level: kind, path: problem.path, message: problem.message };
}

function writeKeyOf(key: string | null): string {
  return (key ?? '').slice(0, MAX_WRITE_KEY);
}

function eventNameOf(item: unknown, type: string | null): string | null {
  if (type === 'track') return ownString(item, 'event');
  if (type === 'page' || type === 'screen') return ownString(item, 'name');
  return null;
}

/** Ids may be numbers in hand-written payloads; shown as text. */
function idOf(item: unknown, key: string): string | null {
  const value = own(item, key);
  if (typeof value === 'string') return value.slice(0, 500);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
