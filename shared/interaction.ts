import { z } from 'zod';

/**
 * One HTTP exchange with Marketo (or the sandbox). Secrets are redacted when the record is
 * made, so an Interaction can be shown, logged, stored and exported as it is.
 */
export const HttpRequestRecordSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().optional(),
});
export type HttpRequestRecord = z.infer<typeof HttpRequestRecordSchema>;

export const HttpResponseRecordSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().optional(),
});
export type HttpResponseRecord = z.infer<typeof HttpResponseRecordSchema>;

export const ErrorKindSchema = z.enum(['transient', 'actionable', 'fatal']);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const ClassificationSchema = z.object({
  kind: ErrorKindSchema,
  /** Marketo code ("606", "1004"), HTTP status ("HTTP 502") or network code ("ECONNRESET", "TIMEOUT"). */
  code: z.string(),
  /** One line a marketer can act on. */
  hint: z.string(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const InteractionStepSchema = z.enum([
  'token',
  'lead-lookup',
  'lead-upsert',
  'activity-post',
  'describe',
  'activity-types',
  /** One activity type's attributes (Load from Marketo, when types.json lists none). */
  'activity-type-describe',
  /** The day's API usage (Test connection). */
  'usage',
  /** Read-back (exactly-once checks and `--verify`): where to start reading, then the pages read. */
  'paging-token',
  'activity-read',
]);
export type InteractionStep = z.infer<typeof InteractionStepSchema>;

export const InteractionSchema = z.object({
  step: InteractionStepSchema,
  /** 1 for the first try of a call, 2 for its first retry, ... */
  attempt: z.number().int().min(1),
  startedAt: z.string(),
  durationMs: z.number().min(0),
  request: HttpRequestRecordSchema,
  response: HttpResponseRecordSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  classification: ClassificationSchema.optional(),
  /**
   * A batched call (up to 300 records) that this event took part in: how many records the request
   * carried and which one was this event's (0-based), so its lifecycle can mark its own record.
   */
  batch: z.object({ records: z.number().int().min(1), index: z.number().int().min(0) }).optional(),
});
export type Interaction = z.infer<typeof InteractionSchema>;

/** A call the engine intends to make; values that come from earlier responses are placeholders like `{{leadId}}`. */
export const PlannedCallSchema = z.object({
  step: InteractionStepSchema,
  method: z.string(),
  /** Path and query relative to the endpoint, e.g. `/rest/v1/leads.json?filterType=email&filterValues=a%40b.com`. */
  path: z.string(),
  body: z.unknown().optional(),
  /** Why this call is made, in plain words. */
  note: z.string(),
  /**
   * Set when a dry run lists a call that will not be made, with why (a cached token or lead id),
   * e.g. "Skipped: a cached access token is valid for another 52 min". Absent: the call is made.
   */
  skipped: z.string().optional(),
});
export type PlannedCall = z.infer<typeof PlannedCallSchema>;

/** The calls of a plan that will be made: what counts as a planned call (not the skipped ones). */
export function callsToMake<C extends Pick<PlannedCall, 'skipped'>>(plan: readonly C[]): C[] {
  return plan.filter((call) => call.skipped === undefined);
}

/**
 * `uncertain`: a post whose result could not be confirmed by reading Marketo back (it may or may not
 * have landed); distinct from `failed`, which invites a resend.
 */
export const OutcomeSchema = z.enum(['delivered', 'rejected', 'skipped', 'failed', 'uncertain', 'planned']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Who asked for a delivery; every host calls the same send service and says which it is. */
export const DeliverySourceSchema = z.enum(['app', 'cli', 'suite', 'collector']);
export type DeliverySource = z.infer<typeof DeliverySourceSchema>;

/** One field of a posted activity beside what Marketo stored (`send --verify`, the Verify toggle). */
export const ReadBackFieldSchema = z.object({
  name: z.string(),
  sent: z.unknown(),
  stored: z.unknown(),
  match: z.boolean(),
});
export type ReadBackField = z.infer<typeof ReadBackFieldSchema>;

export const ReadBackSchema = z.object({
  /** Whether the activity was found when Marketo was read back. */
  found: z.boolean(),
  /** Marketo's id (marketoGUID) of the stored activity, when found. */
  activityId: z.string().optional(),
  fields: z.array(ReadBackFieldSchema),
});
export type ReadBack = z.infer<typeof ReadBackSchema>;

/** What the delivery engine concludes about one event: outcome, explanation, plan and exchanges. */
export const DeliveryReportSchema = z.object({
  /** `planned` only for a dry run whose plan would send something. */
  outcome: OutcomeSchema,
  reason: z.string().optional(),
  hint: z.string().optional(),
  /** Marketo code or classification code behind a failure or a rejection, when there is one. */
  code: z.string().optional(),
  dryRun: z.boolean(),
  plan: z.array(PlannedCallSchema),
  interactions: z.array(InteractionSchema),
  warnings: z.array(z.string()).default([]),
  /** What Marketo stored beside what was sent, when the send asked to verify. */
  readBack: ReadBackSchema.optional(),
});
export type DeliveryReport = z.infer<typeof DeliveryReportSchema>;

/** A report as the send service returns and records it, for every host alike. */
export const DeliveryResultSchema = DeliveryReportSchema.extend({
  /** Unique per delivery and sortable by time (core/send/sendService.ts); the key of the history. */
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  source: DeliverySourceSchema,
  /** The target (profile) the event was sent to, e.g. `sandbox`. */
  targetId: z.string(),
});
export type DeliveryResult = z.infer<typeof DeliveryResultSchema>;
