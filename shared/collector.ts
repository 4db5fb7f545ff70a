import { z } from 'zod';
import { CallTypeSchema } from './segment/schemas';

/**
 * What the local collector records and how the Debugger, the Schema view and the CLI's `events` and
 * `schema` commands read it. The collector speaks Segment's HTTP tracking API; every event it
 * receives is kept with its validation result, good or bad, so nothing sent to it is lost.
 */

export const CollectorProblemSchema = z.object({
  /** An error makes the event bad (Segment would drop it); a warning is the editor's lint. */
  level: z.enum(['error', 'warning']),
  /** JSONPath-like, relative to the stored event (`$.properties.plan`). */
  path: z.string(),
  message: z.string(),
});
export type CollectorProblem = z.infer<typeof CollectorProblemSchema>;

export const ReceivedEventSummarySchema = z.object({
  id: z.number().int(),
  arrivedAt: z.string(),
  /** The write key as sent ('' when none was), and the source it names. */
  writeKey: z.string(),
  sourceName: z.string(),
  /** `context.library.name`, e.g. `analytics.js`, `analytics-node-next`. */
  library: z.string().nullable(),
  /** The path it was posted to, e.g. `/v1/batch`. */
  endpoint: z.string(),
  /** null when the body was not a readable event (invalid JSON, a bad type). */
  type: z.string().nullable(),
  /** The track event name, the page or screen name. */
  eventName: z.string().nullable(),
  userId: z.string().nullable(),
  anonymousId: z.string().nullable(),
  good: z.boolean(),
  problemCount: z.number().int().min(0),
  /** UTF-8 bytes of the event as stored. */
  bytes: z.number().int().min(0),
});
export type ReceivedEventSummary = z.infer<typeof ReceivedEventSummarySchema>;

export const ReceivedEventSchema = ReceivedEventSummarySchema.extend({
  problems: z.array(CollectorProblemSchema),
  /** The event as it arrived (batch context and integrations merged in, as Segment does). */
  payload: z.unknown(),
});
export type ReceivedEvent = z.infer<typeof ReceivedEventSchema>;

export const ReceivedEventQuerySchema = z
  .object({
    /** ISO time; events that arrived at or after it. */
    since: z.string().datetime({ offset: true }).optional(),
    /** Only events with an id above this one (a poller's cursor). */
    afterId: z.number().int().min(0).optional(),
    /**
     * Only events with an id below this one: the keyset cursor for the next older page (the last
     * id of the page before). Ids follow the order events were stored, which is the list's order and
     * the order pushes arrive in, so events stored meanwhile never shift a page.
     */
    beforeId: z.number().int().min(1).optional(),
    /** A write key or a source name. */
    source: z.string().max(200).optional(),
    type: CallTypeSchema.optional(),
    event: z.string().max(500).optional(),
    good: z.boolean().optional(),
    /** Keyword search across the whole payload (case-insensitive substring). */
    search: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type ReceivedEventQuery = z.input<typeof ReceivedEventQuerySchema>;

export const ReceivedEventPageSchema = z.object({
  items: z.array(ReceivedEventSummarySchema),
  /** Events matching the filters; the cursors (`afterId`, `beforeId`) and the page do not narrow it. */
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  /** Older events match beyond this page (ask again with `beforeId` = the last item's id). */
  hasMore: z.boolean(),
});
export type ReceivedEventPage = z.infer<typeof ReceivedEventPageSchema>;

export const CollectorSourceSchema = z.object({
  writeKey: z.string(),
  name: z.string(),
  createdAt: z.string(),
  events: z.number().int().min(0),
  lastSeenAt: z.string().nullable(),
  /** The target (profile) its events are forwarded to; null: not forwarded (the default). */
  forwardTargetId: z.string().nullable(),
});
export type CollectorSource = z.infer<typeof CollectorSourceSchema>;

export const CollectorStatusSchema = z.object({
  /** `http://127.0.0.1:PORT`, or null when the collector could not start. */
  url: z.string().nullable(),
  port: z.number().int().nullable(),
  /** Why it is not running, or why it is not on its usual port. */
  problem: z.string().nullable(),
});
export type CollectorStatus = z.infer<typeof CollectorStatusSchema>;

export const SchemaBucketSchema = z.enum(['hour', 'day']);
export type SchemaBucket = z.infer<typeof SchemaBucketSchema>;

export const SchemaQuerySchema = z
  .object({
    since: z.string().datetime({ offset: true }),
    until: z.string().datetime({ offset: true }).optional(),
    bucket: SchemaBucketSchema.default('day'),
    /** Days start at local midnight: the viewer's offset from UTC (minutes east, as +02:00 is 120). */
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
    source: z.string().max(200).optional(),
  })
  .strict();
export type SchemaQuery = z.input<typeof SchemaQuerySchema>;

export const CountBucketSchema = z.object({ at: z.string(), count: z.number().int().min(0) });
export type CountBucket = z.infer<typeof CountBucketSchema>;

export const SchemaEventRowSchema = z.object({
  type: z.string(),
  /** The event or page/screen name; null for identify, group and alias (and unnamed pages). */
  name: z.string().nullable(),
  count: z.number().int().min(0),
  good: z.number().int().min(0),
});
export type SchemaEventRow = z.infer<typeof SchemaEventRowSchema>;

export const SchemaReportSchema = z.object({
  total: z.number().int().min(0),
  buckets: z.array(CountBucketSchema),
  events: z.array(SchemaEventRowSchema),
});
export type SchemaReport = z.infer<typeof SchemaReportSchema>;

export const PropertyQuerySchema = z
  .object({
    since: z.string().datetime({ offset: true }),
    until: z.string().datetime({ offset: true }).optional(),
    bucket: SchemaBucketSchema.default('day'),
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
    source: z.string().max(200).optional(),
    type: CallTypeSchema,
    name: z.string().max(500).nullable(),
    /** The profile whose settings say which properties this event must carry. */
    targetId: z.string().max(200).optional(),
  })
  .strict();
export type PropertyQuery = z.input<typeof PropertyQuerySchema>;

export const PropertyPresenceSchema = z.object({
  /** Relative to the event's bag: `plan`, `address.city`, `products[].sku`. */
  path: z.string(),
  count: z.number().int().min(0),
  /** JSON types seen: string, number, boolean, object, array, null. */
  types: z.array(z.string()),
  /** The target's mapping needs it (primary property, mapped attribute, mapped lead field). */
  required: z.boolean(),
});
export type PropertyPresence = z.infer<typeof PropertyPresenceSchema>;

export const PropertyReportSchema = z.object({
  total: z.number().int().min(0),
  /** Where the properties live: `properties` or `traits`. */
  bag: z.string(),
  buckets: z.array(CountBucketSchema),
  properties: z.array(PropertyPresenceSchema),
});
export type PropertyReport = z.infer<typeof PropertyReportSchema>;
