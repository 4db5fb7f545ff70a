import { z } from 'zod';

/**
 * Destination settings for one Marketo profile: non-secret and shareable. Modelled on Segment's
 * Marketo V2 settings. Credentials never appear here.
 */
// Strict objects throughout: a misspelt key (a typo in a mapping is the most common mistake) is an
// error naming it, not a setting silently dropped.
export const LeadLookupRuleSchema = z.strictObject({
  /** Marketo lead field searched with `filterType` (and used as the upsert `lookupField`). */
  field: z.string().min(1),
  /** Event paths tried in order for the value, e.g. `traits.email`, `context.traits.email`, `userId`. */
  from: z.array(z.string().min(1)).min(1),
});
export type LeadLookupRule = z.infer<typeof LeadLookupRuleSchema>;

export const ActivityMappingSchema = z.strictObject({
  activityTypeId: z.number().int().positive(),
  /** Event property whose value becomes `primaryAttributeValue`. */
  primaryProperty: z.string().min(1),
  /** Event property name -> activity attribute apiName (primary property excluded). */
  attributes: z.record(z.string(), z.string()).default({}),
});
export type ActivityMapping = z.infer<typeof ActivityMappingSchema>;

export const DEFAULT_LEAD_LOOKUP: LeadLookupRule[] = [
  { field: 'email', from: ['traits.email', 'context.traits.email', 'properties.email'] },
  { field: 'userId', from: ['userId'] },
];

export const DestinationSettingsSchema = z.strictObject({
  formatVersion: z.literal(1),
  leadLookup: z.array(LeadLookupRuleSchema).min(1).default(DEFAULT_LEAD_LOOKUP),
  /** Identify trait path (relative to `traits`) -> Marketo lead field API name. */
  leadFields: z.record(z.string(), z.string()).default({ email: 'email' }),
  /** Track event name -> custom activity. */
  activities: z.record(z.string(), ActivityMappingSchema).default({}),
  /** Page calls go to this custom activity when set; otherwise they are rejected. */
  page: ActivityMappingSchema.nullable().default(null),
  /** Allow calls without a userId (looked up by anonymousId). */
  trackAnonymous: z.boolean().default(false),
  /** Create the lead (createOrUpdate on the lookup field) when a track finds none. */
  createLeadIfMissing: z.boolean().default(false),
  limits: z
    .strictObject({
      /** Calls in any sliding 20 s window; Marketo allows 100 per instance, shared by all integrations. */
      callsPer20s: z.number().int().min(1).max(100).default(50),
      /** Calls in flight at once; Marketo allows 10 per instance. */
      maxInFlight: z.number().int().min(1).max(10).default(5),
    })
    .default({ callsPer20s: 50, maxInFlight: 5 }),
  retry: z
    .strictObject({
      /** Attempts per call including the first. */
      maxAttempts: z.number().int().min(1).max(10).default(4),
      baseDelayMs: z.number().int().min(0).max(60_000).default(500),
      maxDelayMs: z.number().int().min(0).max(300_000).default(8_000),
    })
    .default({ maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 }),
  /** Per-request timeout. */
  timeoutMs: z.number().int().min(100).max(120_000).default(30_000),
  /**
   * Reading activities back (to settle a post whose answer was lost, and for Verify): Marketo can
   * take a moment to list a new activity, so a record not found is looked for again until pollMs.
   */
  readBack: z
    .strictObject({
      pollMs: z.number().int().min(0).max(60_000).default(3_000),
      intervalMs: z.number().int().min(0).max(10_000).default(1_000),
    })
    .default({ pollMs: 3_000, intervalMs: 1_000 }),
});
export type DestinationSettings = z.infer<typeof DestinationSettingsSchema>;
export type DestinationSettingsInput = z.input<typeof DestinationSettingsSchema>;
