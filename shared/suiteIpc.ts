import { z } from 'zod';
import { SuiteRunSchema, SuiteRunSummarySchema } from './suiteRun';
import { SuiteFileSchema } from './suites';

/**
 * The Suites view's IPC shapes (issue 10), kept beside the suite format rather than in the contract
 * so the contract only names them. A suite crosses IPC as parsed data; main checks it again with
 * the same schema before it writes or runs it.
 */

/** A 10,000-case suite is a few MB; this bounds what one upload may make main parse. */
export const MAX_SUITE_TEXT_CHARS = 50_000_000;
const SuitePathSchema = z.string().trim().min(1).max(4096);
const CaseIndexesSchema = z.array(z.number().int().min(0)).max(100_000).nullable();

/** Either a path main reads, or a file's text the browser host uploaded (with its name, for messages). */
export const SuiteOpenRequestSchema = z
  .object({
    path: SuitePathSchema.optional(),
    text: z.string().max(MAX_SUITE_TEXT_CHARS).optional(),
    name: z.string().max(500).optional(),
  })
  .strict()
  .refine((r) => (r.path === undefined) !== (r.text === undefined), 'give a path or a text, not both');

export const SuiteOpenResponseSchema = z.object({
  /** The file's absolute path; null for an upload (it is saved with "Save as"). */
  path: z.string().nullable(),
  suite: SuiteFileSchema,
});

export const SuiteSaveRequestSchema = z.object({ path: SuitePathSchema, suite: SuiteFileSchema }).strict();

export const SuiteEstimateRequestSchema = z
  .object({ suite: SuiteFileSchema, only: CaseIndexesSchema, targetId: z.string().min(1).max(200) })
  .strict();
export const SuiteEstimateSchema = z.object({
  calls: z.number().int().min(0),
  upserts: z.number().int().min(0),
  lookups: z.number().int().min(0),
  posts: z.number().int().min(0),
  refused: z.number().int().min(0),
  /** Today's calls left as Marketo reports them; null when not asked (not production) or unknown. */
  left: z.number().nullable(),
});
export type SuiteEstimate = z.infer<typeof SuiteEstimateSchema>;

export const SuiteRunRequestSchema = z
  .object({
    suite: SuiteFileSchema,
    suitePath: SuitePathSchema.nullable(),
    /** The selected case indexes; null runs every case. */
    only: CaseIndexesSchema,
    targetId: z.string().min(1).max(200),
  })
  .strict();

export const SuiteRunsResponseSchema = z.object({ runs: z.array(SuiteRunSummarySchema) });
export { SuiteRunSchema };
