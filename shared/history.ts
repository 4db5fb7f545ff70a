import { z } from 'zod';
import { DeliveryResultSchema, DeliverySourceSchema, OutcomeSchema, type Interaction } from './interaction';
import { CALL_TYPES } from './segment/schemas';

/**
 * Recorded deliveries as the History view, the CLI's `history` command and (later) the Delivery
 * dashboards read them. A summary is one row of the list; the full record adds the event and
 * every interaction, so the lifecycle viewer can page through it as it did right after the send.
 */

export const DeliverySummarySchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  source: DeliverySourceSchema,
  targetId: z.string(),
  /** track, identify, ... or null when the event was not valid enough to tell. */
  callType: z.string().nullable(),
  /** The track event name, the page name, or null. */
  eventName: z.string().nullable(),
  messageId: z.string().nullable(),
  outcome: OutcomeSchema,
  code: z.string().nullable(),
  reason: z.string().nullable(),
  /** HTTP requests made (every attempt counts). */
  calls: z.number().int().min(0),
  durationMs: z.number().min(0),
});
export type DeliverySummary = z.infer<typeof DeliverySummarySchema>;

/** A recorded delivery in full: the result as it was returned, plus the event that was sent. */
export const DeliveryRecordSchema = DeliveryResultSchema.extend({
  /** The event as given to the send service (already free of secrets: events carry none). */
  event: z.unknown(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

export const HistoryQuerySchema = z
  .object({
    /** Rows to skip, newest first; the virtualised list fetches the page it scrolls to. */
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    /** ISO time; only deliveries started at or after it. */
    since: z.string().datetime({ offset: true }).optional(),
    outcomes: z.array(OutcomeSchema).max(10).optional(),
    sources: z.array(DeliverySourceSchema).max(10).optional(),
    /** Only deliveries whose event name contains this text, ignoring case as `eventNameContains` does. */
    eventContains: z.string().min(1).max(200).optional(),
  })
  .strict();
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

/**
 * Case folding for the event-name search, the same as SQLite's `lower()` (ASCII letters only), so
 * the store's query and the History view's check of a pushed row always agree.
 */
export function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Whether an event name holds `contains`, ignoring ASCII case; a delivery without a name never does. */
export function eventNameContains(eventName: string | null, contains: string): boolean {
  return eventName !== null && foldAsciiCase(eventName).includes(foldAsciiCase(contains));
}

export const HistoryPageSchema = z.object({
  items: z.array(DeliverySummarySchema),
  /** Rows matching the query in all (for the list's scroll height). */
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

const KNOWN_CALL_TYPES: ReadonlySet<string> = new Set(CALL_TYPES);
/** Labels a list shows are clipped; the whole event stays in the record. */
const MAX_LABEL = 500;

export interface EventLabels {
  callType: string | null;
  eventName: string | null;
  messageId: string | null;
}

const NO_LABELS: EventLabels = { callType: null, eventName: null, messageId: null };

/**
 * The list's labels for an event of any shape: the event may be invalid (that is often why it was
 * rejected), so nothing here may throw, and only the event's own properties are read.
 */
export function describeEvent(event: unknown): EventLabels {
  try {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return NO_LABELS;
    const type = ownString(event, 'type');
    const callType = type !== null && KNOWN_CALL_TYPES.has(type) ? type : null;
    const nameKey =
      callType === 'track' ? 'event' : callType === 'page' || callType === 'screen' ? 'name' : null;
    return {
      callType,
      eventName: nameKey === null ? null : ownString(event, nameKey),
      messageId: ownString(event, 'messageId'),
    };
  } catch {
    // A proxy or a throwing getter: an event we cannot describe still gets recorded.
    return NO_LABELS;
  }
}

function ownString(object: object, key: string): string | null {
  if (!Object.hasOwn(object, key)) return null;
  const value: unknown = Reflect.get(object, key);
  return typeof value === 'string' ? clip(value) : null;
}

function clip(text: string): string {
  if (text.length <= MAX_LABEL) return text;
  const cut = text.slice(0, MAX_LABEL);
  // Do not leave half of a surrogate pair at the end.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * API calls a delivery is charged with in the Event Delivery totals: each exchange counts once, and
 * a batched exchange (shared by up to 300 events) is charged to the event whose record came first,
 * so a batch's calls add up to the calls really made. `calls` on a row stays the exchanges the
 * event took part in, which is what its lifecycle shows.
 */
export function chargedCalls(interactions: readonly Pick<Interaction, 'batch'>[]): number {
  return interactions.filter((interaction) => (interaction.batch?.index ?? 0) === 0).length;
}

/** One list row from a full record: what the History list, the CLI and pushes show. */
export function summarizeDelivery(record: DeliveryRecord): DeliverySummary {
  const { callType, eventName, messageId } = describeEvent(record.event);
  const duration = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
  return {
    id: record.id,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    source: record.source,
    targetId: record.targetId,
    callType,
    eventName,
    messageId,
    outcome: record.outcome,
    code: record.code ?? null,
    reason: record.reason ?? null,
    calls: record.interactions.length,
    durationMs: Number.isFinite(duration) && duration > 0 ? duration : 0,
  };
}
