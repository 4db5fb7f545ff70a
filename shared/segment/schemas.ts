import { z } from 'zod';

/**
 * Zod schemas for the six Segment calls and the HTTP API batch envelope, following
 * ../shared/reference/segment-spec.md. Objects are loose: unknown fields pass here and are reported
 * by lint as warnings, because real sources send them and Segment forwards them.
 */

export const CALL_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export const CallTypeSchema = z.enum(CALL_TYPES);
export type CallType = z.infer<typeof CallTypeSchema>;

/** Segment deduplicates on messageId and caps it at 100 characters. */
export const MAX_MESSAGE_ID_CHARS = 100;

/** Leaf fields inside context sub-objects: libraries sometimes send null for what they do not know. */
const leafString = z.string().nullable().optional();
const leafNumber = z.number().nullable().optional();
const leafBoolean = z.boolean().nullable().optional();

const JsonObjectSchema = z.record(z.string(), z.unknown());

const subObject = <T extends z.core.$ZodLooseShape>(shape: T, description: string) =>
  z.looseObject(shape).nullable().optional().describe(description);

/** `context`: the standard keys are typed (spec §2); unknown keys pass through. */
export const ContextSchema = z
  .looseObject({
    active: z.boolean().optional().describe('false updates traits without touching "last seen" (identify)'),
    app: subObject(
      { name: leafString, version: leafString, build: leafString, namespace: leafString },
      'The mobile app: name, version, build, namespace',
    ),
    campaign: subObject(
      { name: leafString, source: leafString, medium: leafString, term: leafString, content: leafString },
      'UTM campaign parameters (name, source, medium, term, content, plus custom keys)',
    ),
    device: subObject(
      {
        id: leafString,
        advertisingId: leafString,
        adTrackingEnabled: leafBoolean,
        manufacturer: leafString,
        model: leafString,
        name: leafString,
        type: leafString,
        version: leafString,
        token: leafString,
      },
      'The device: id, advertisingId, adTrackingEnabled, manufacturer, model, name, type, version, token',
    ),
    ip: z.string().optional().describe('The IP address of the user'),
    library: subObject(
      { name: leafString, version: leafString },
      'The library that sent the event, e.g. {"name": "analytics.js", "version": "2.11.1"}',
    ),
    locale: z.string().optional().describe('Locale string, e.g. en-US'),
    location: subObject(
      {
        city: leafString,
        country: leafString,
        region: leafString,
        latitude: leafNumber,
        longitude: leafNumber,
        speed: leafNumber,
      },
      'Where the user is: city, country, region, latitude, longitude, speed',
    ),
    network: subObject(
      { bluetooth: leafBoolean, carrier: leafString, cellular: leafBoolean, wifi: leafBoolean },
      'The network: bluetooth, carrier, cellular, wifi',
    ),
    os: subObject({ name: leafString, version: leafString }, 'The operating system: name, version'),
    page: subObject(
      { path: leafString, referrer: leafString, search: leafString, title: leafString, url: leafString },
      'The web page the event happened on: path, referrer, search, title, url',
    ),
    referrer: subObject(
      { id: leafString, type: leafString, name: leafString, url: leafString, link: leafString },
      'What referred the user: type, name, url, link',
    ),
    screen: subObject(
      { width: leafNumber, height: leafNumber, density: leafNumber },
      'The screen: width, height, density',
    ),
    timezone: z.string().optional().describe('tzdata name, e.g. America/New_York'),
    groupId: z.string().optional().describe('The account id, on calls other than group (B2B)'),
    traits: JsonObjectSchema.optional().describe(
      'User traits carried on calls other than identify; Marketo can look the lead up by traits.email',
    ),
    userAgent: z
      .string()
      .optional()
      .describe('The browser user agent; Marketo needs it to record a page visit sent from a server'),
    userAgentData: subObject(
      {
        brands: z
          .array(z.looseObject({ brand: z.string().optional(), version: z.string().optional() }))
          .optional(),
        mobile: leafBoolean,
        platform: leafString,
      },
      'Client hints: brands[], mobile, platform',
    ),
    channel: z.string().optional().describe('server, browser or mobile'),
  })
  .describe('Extra information about the event: library, page, device, traits, ...');
export type Context = z.infer<typeof ContextSchema>;

export const IntegrationValueSchema = z.union([z.boolean(), JsonObjectSchema], {
  error: 'must be true, false or an options object',
});

export const IntegrationsSchema = z
  .record(z.string(), IntegrationValueSchema)
  .describe(
    'Which destinations get the event: {"All": false, "Marketo V2": true}. Keys are exact, case-sensitive destination names',
  );
export type Integrations = z.infer<typeof IntegrationsSchema>;

const timestamp = (description: string) => z.string().optional().describe(description);

/** Fields every call may carry (spec §1). */
const commonShape = {
  userId: z
    .string()
    .nullable()
    .optional()
    .describe('Your database id for the user. Every event needs a userId or an anonymousId'),
  anonymousId: z
    .string()
    .optional()
    .describe('A pseudo-unique id for a user not yet known (UUIDv4 recommended)'),
  messageId: z
    .string()
    .max(MAX_MESSAGE_ID_CHARS)
    .optional()
    .describe('Unique id of this message, at most 100 characters. Segment drops a repeated messageId'),
  timestamp: timestamp('When the event happened (ISO-8601, e.g. 2024-05-01T12:00:00.000Z)'),
  originalTimestamp: timestamp('Device clock time when the call was made (ISO-8601)'),
  sentAt: timestamp('Device clock time when the request left (ISO-8601)'),
  receivedAt: timestamp('Segment server time on arrival (ISO-8601); set by Segment'),
  context: ContextSchema.optional(),
  integrations: IntegrationsSchema.optional(),
  version: z
    .union([z.number(), z.string()], { error: 'must be a number or a string' })
    .optional()
    .describe('Tracking API version'),
  channel: z.string().optional().describe('server, browser or mobile'),
};

type Issue = Parameters<Parameters<typeof z.superRefine>[0]>[1];
const hasText = (value: unknown) => typeof value === 'string' && value.length > 0;

/** Every message but alias needs a userId or an anonymousId (spec §1, "Identity rule"). */
function requireIdentity(value: unknown, ctx: Issue) {
  if (typeof value !== 'object' || value === null) return;
  const { userId, anonymousId } = value as { userId?: unknown; anonymousId?: unknown };
  if (hasText(userId) || hasText(anonymousId)) return;
  // A wrongly typed id is already reported by the field's own schema.
  const wronglyTyped =
    (userId !== undefined && userId !== null && typeof userId !== 'string') ||
    (anonymousId !== undefined && typeof anonymousId !== 'string');
  if (wronglyTyped) return;
  ctx.addIssue({
    code: 'custom',
    path: ['userId'],
    message:
      userId === null
        ? 'is null, so an "anonymousId" is required: every event needs a "userId" or an "anonymousId"'
        : userId === ''
          ? 'is empty: every event needs a "userId" or an "anonymousId" (Segment drops events with neither)'
          : 'is missing: every event needs a "userId" or an "anonymousId" (Segment drops events with neither)',
  });
}
// Run even when other fields failed, so every problem is listed at once.
const identityCheck = z.superRefine(requireIdentity, { when: () => true });

const typeLiteral = <T extends CallType>(type: T) => z.literal(type).describe(`The call type: "${type}"`);
const properties = (description: string) => JsonObjectSchema.optional().describe(description);

export const TrackEventSchema = z
  .looseObject({
    type: typeLiteral('track'),
    ...commonShape,
    event: z
      .string()
      .min(1)
      .describe('The name of the action, noun + past-tense verb, e.g. "Webinar Registered"'),
    properties: properties('Properties of the action, e.g. {"revenue": 19.99, "currency": "USD"}'),
  })
  .check(identityCheck);

export const IdentifyEventSchema = z
  .looseObject({
    type: typeLiteral('identify'),
    ...commonShape,
    traits: JsonObjectSchema.optional().describe(
      'What you know about the user: email, firstName, lastName, company {name, ...}, ...',
    ),
  })
  .check(identityCheck);

export const PageEventSchema = z
  .looseObject({
    type: typeLiteral('page'),
    ...commonShape,
    name: z.string().nullable().optional().describe('The name of the page, e.g. "Pricing"'),
    category: z.string().nullable().optional().describe('The category of the page, e.g. "Docs"'),
    properties: properties('Page properties: url (absolute), title, path, referrer, search, keywords[]'),
  })
  .check(identityCheck);

export const ScreenEventSchema = z
  .looseObject({
    type: typeLiteral('screen'),
    ...commonShape,
    name: z.string().nullable().optional().describe('The name of the screen, e.g. "Home"'),
    category: z.string().nullable().optional().describe('The category of the screen'),
    properties: properties('Screen properties'),
  })
  .check(identityCheck);

export const GroupEventSchema = z
  .looseObject({
    type: typeLiteral('group'),
    ...commonShape,
    groupId: z.string().min(1).describe('The id of the group (account, company, organisation)'),
    traits: JsonObjectSchema.optional().describe(
      'What you know about the group: name, industry, employees, plan, ...',
    ),
  })
  .check(identityCheck);

export const AliasEventSchema = z.looseObject({
  type: typeLiteral('alias'),
  ...commonShape,
  userId: z.string().min(1).describe('The new id of the user'),
  previousId: z.string().min(1).describe('The old id of the user (its anonymousId or previous userId)'),
});

export const SegmentEventSchema = z.discriminatedUnion('type', [
  TrackEventSchema,
  IdentifyEventSchema,
  PageEventSchema,
  ScreenEventSchema,
  GroupEventSchema,
  AliasEventSchema,
]);

/** The schema for one call type, for callers that already know the type. */
export const CALL_SCHEMAS = {
  track: TrackEventSchema,
  identify: IdentifyEventSchema,
  page: PageEventSchema,
  screen: ScreenEventSchema,
  group: GroupEventSchema,
  alias: AliasEventSchema,
} as const;

/** The HTTP API `/v1/batch` body; envelope `context` and `integrations` are merged into each item. */
export const BatchEnvelopeSchema = z.looseObject({
  batch: z.array(SegmentEventSchema).describe('The events, each with its "type"'),
  context: ContextSchema.optional(),
  integrations: IntegrationsSchema.optional(),
  writeKey: z.string().optional().describe('The source write key (HTTP API authentication in the body)'),
  sentAt: timestamp('When the batch left the sender (ISO-8601)'),
});

export type TrackEvent = z.infer<typeof TrackEventSchema>;
export type IdentifyEvent = z.infer<typeof IdentifyEventSchema>;
export type PageEvent = z.infer<typeof PageEventSchema>;
export type ScreenEvent = z.infer<typeof ScreenEventSchema>;
export type GroupEvent = z.infer<typeof GroupEventSchema>;
export type AliasEvent = z.infer<typeof AliasEventSchema>;
export type SegmentEvent = z.infer<typeof SegmentEventSchema>;
export type BatchEnvelope = z.infer<typeof BatchEnvelopeSchema>;

/** Top-level fields the spec defines, per call; anything else is linted as unknown. */
// writeKey rides in HTTP API bodies; _metadata is added by analytics.js itself.
const COMMON_FIELDS = [...Object.keys(commonShape), 'type', 'writeKey', '_metadata'];
export const KNOWN_FIELDS: Record<CallType, readonly string[]> = {
  track: [...COMMON_FIELDS, 'event', 'properties'],
  identify: [...COMMON_FIELDS, 'traits'],
  page: [...COMMON_FIELDS, 'name', 'category', 'properties'],
  screen: [...COMMON_FIELDS, 'name', 'category', 'properties'],
  group: [...COMMON_FIELDS, 'groupId', 'traits'],
  alias: [...COMMON_FIELDS, 'previousId'],
};
export const KNOWN_ENVELOPE_FIELDS = ['batch', 'context', 'integrations', 'writeKey', 'sentAt'] as const;
