import { z } from 'zod';
import { DeliveryResultSchema, DeliverySourceSchema, OutcomeSchema } from './interaction';

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
  })
  .strict();
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export const HistoryPageSchema = z.object({
  items: z.array(DeliverySummarySchema),
  /** Rows matching the query in all (for the list's scroll height). */
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

/** Own string property of an event of any shape (it may be invalid, or not even an object). */
function stringField(event: unknown, key: string): string | null {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return null;
  if (!Object.hasOwn(event, key)) return null;
  const value = (event as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/** One list row from a full record: what the History list, the CLI and pushes show. */
export function summarizeDelivery(record: DeliveryRecord): DeliverySummary {
  const callType = stringField(record.event, 'type');
  const eventName =
    callType === 'track' ? stringField(record.event, 'event') : stringField(record.event, 'name');
  const duration = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
  return {
    id: record.id,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    source: record.source,
    targetId: record.targetId,
    callType,
    eventName,
    messageId: stringField(record.event, 'messageId'),
    outcome: record.outcome,
    code: record.code ?? null,
    reason: record.reason ?? null,
    calls: record.interactions.length,
    durationMs: Number.isFinite(duration) && duration > 0 ? duration : 0,
  };
}
