import { z } from 'zod';
import { DestinationSettingsSchema } from './settings';

/**
 * Marketo profiles as the renderer, the CLI and profile files see them. SECURITY: none of these
 * schemas has a field for a client id or secret except `ProfileCredentialsSchema`, which is
 * write-only (a save request may carry it; nothing that answers ever does). The renderer learns
 * only `secretSet`.
 */

export const SANDBOX_PROFILE_ID = 'sandbox';

/** Colours offered in the editor; any #rrggbb is accepted from a file. */
export const PROFILE_COLORS = ['#4f8cff', '#3fb950', '#d29922', '#a371f7', '#db61a2', '#f85149'] as const;
export const PRODUCTION_COLOR = '#f85149';

export const ProfileIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a profile id is lower-case letters, digits and dashes');

export const ProfileNameSchema = z.string().trim().min(1, 'a name is required').max(80);
export const ProfileColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

/** The non-secret part of a profile: what is stored in profiles.json and shared in a profile file. */
export const ProfileFieldsSchema = z.object({
  name: ProfileNameSchema,
  color: ProfileColorSchema.default(PROFILE_COLORS[0]),
  /** The REST base URL from Admin > Web Services; normalised and checked by core when saved. */
  endpoint: z.string().trim().max(500).default(''),
  /** Production instances ask for confirmation before every send and suite run. */
  production: z.boolean().default(false),
  /** The subscription's daily API quota (Marketo's default is 50,000), for "calls left" estimates. */
  dailyQuota: z.number().int().min(1).max(100_000_000).default(50_000),
  settings: DestinationSettingsSchema,
});
export type ProfileFields = z.infer<typeof ProfileFieldsSchema>;
export type ProfileFieldsInput = z.input<typeof ProfileFieldsSchema>;

/** SECURITY: write-only. Accepted by `profile:save`; never part of any response or file. */
export const ProfileCredentialsSchema = z
  .object({
    clientId: z.string().trim().min(1, 'the client id is required').max(200),
    clientSecret: z.string().trim().min(1, 'the client secret is required').max(500),
  })
  .strict();
export type ProfileCredentials = z.infer<typeof ProfileCredentialsSchema>;

/** Where a saved secret lives: the vault, this session only, or nowhere yet. */
export const SecretKeptSchema = z.enum(['vault', 'session', 'none']);

export const ProfileSummarySchema = ProfileFieldsSchema.extend({
  id: ProfileIdSchema,
  /** The built-in Sandbox: always there, cannot be deleted, its endpoint is the running sandbox. */
  builtIn: z.boolean(),
  /** Whether a client id and secret are held for this profile; the values never cross IPC. */
  secretSet: z.boolean(),
  secretKept: SecretKeptSchema,
  updatedAt: z.string(),
});
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;

/** How the host keeps secrets, so the UI can say so (and offer session-only where it is weak). */
export const VaultStatusSchema = z.object({
  kind: z.enum(['safeStorage', 'file', 'env', 'memory']),
  /** One sentence for the profile editor, e.g. "Encrypted with the macOS Keychain". */
  description: z.string(),
  /** Set when secrets are weakly protected or cannot be kept (Linux basic_text, no keyring). */
  warning: z.string().nullable(),
  /** false: secrets can only be kept for this session. */
  canPersist: z.boolean(),
  /** Offer "keep for this session only" (always possible; recommended when `warning` is set). */
  offerSessionOnly: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const ProfileSaveRequestSchema = z
  .object({
    /** Absent: create a new profile. */
    id: ProfileIdSchema.optional(),
    fields: ProfileFieldsSchema,
    /** Absent: keep what is held. Present: replace both values. */
    credentials: ProfileCredentialsSchema.optional(),
    /** 'session': keep the secret in memory only, for this run of the app. */
    keepSecret: z.enum(['vault', 'session']).default('vault'),
  })
  .strict();
export type ProfileSaveRequest = z.input<typeof ProfileSaveRequestSchema>;

/** A shareable profile file: never a client id or secret inside. */
export const PROFILE_FILE_KIND = 'event-tester-profile';
export const ProfileFileSchema = ProfileFieldsSchema.extend({
  formatVersion: z.literal(1),
  kind: z.literal(PROFILE_FILE_KIND),
});
export type ProfileFile = z.infer<typeof ProfileFileSchema>;

// ---------------------------------------------------------------- test connection

export const ConnectionFailureSchema = z.object({
  /** HTTP 401, 603, ENOTFOUND, TLS, TIMEOUT, ... */
  code: z.string(),
  title: z.string(),
  /** What happened, secrets scrubbed. */
  message: z.string(),
  /** What to do about it. */
  hint: z.string(),
  step: z.enum(['token', 'usage', 'activity-types', 'describe', 'activity-type-describe']),
});
export type ConnectionFailure = z.infer<typeof ConnectionFailureSchema>;

export const ConnectionReportSchema = z.object({
  ok: z.boolean(),
  endpoint: z.string(),
  testedAt: z.string(),
  durationMs: z.number(),
  /** Today's usage from stats/usage.json, when the test got that far. */
  usage: z
    .object({ date: z.string(), total: z.number(), dailyQuota: z.number(), left: z.number() })
    .nullable(),
  failure: ConnectionFailureSchema.nullable(),
});
export type ConnectionReport = z.infer<typeof ConnectionReportSchema>;

// ---------------------------------------------------------------- what Marketo describes

export const CatalogAttributeSchema = z.object({
  apiName: z.string(),
  name: z.string(),
  dataType: z.string(),
});
export type CatalogAttribute = z.infer<typeof CatalogAttributeSchema>;

export const CatalogActivityTypeSchema = z.object({
  id: z.number(),
  apiName: z.string(),
  name: z.string(),
  /** draft | approved | deleted | approved with draft */
  status: z.string(),
  primaryAttribute: CatalogAttributeSchema.nullable(),
  attributes: z.array(CatalogAttributeSchema),
  /**
   * Set when Marketo gave no attributes for this type (types.json left them out and its describe
   * failed or was not made): they are unknown, not none, so no mapping is flagged or refused for them.
   */
  attributesProblem: z.string().optional(),
});
export type CatalogActivityType = z.infer<typeof CatalogActivityTypeSchema>;

export const CatalogLeadFieldSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  dataType: z.string(),
  updateable: z.boolean(),
});
export type CatalogLeadField = z.infer<typeof CatalogLeadFieldSchema>;

/** What "Load from Marketo" fetched for one profile, and when; cached per profile. */
export const MarketoCatalogSchema = z.object({
  loadedAt: z.string(),
  activityTypes: z.array(CatalogActivityTypeSchema),
  leadFields: z.array(CatalogLeadFieldSchema),
});
export type MarketoCatalog = z.infer<typeof MarketoCatalogSchema>;
