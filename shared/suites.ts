import { z } from 'zod';
import { locate } from './json/edit';
import { parseJson } from './json/parseJson';
import { appendPath, type PathSegment } from './json/path';
import { isRecord } from './json/value';
import { err, ok, type Result } from './result';
import { DestinationSettingsSchema } from './settings';

/**
 * Saved test suites (`*.suite.json`): named Segment events with expected outcomes, shared through
 * git. SECURITY: no field can hold a credential (every object is strict, settings have no secret
 * field); a profile is named at run time only. Written with a stable key order and 2-space indent
 * (`serializeSuite`) so that a change to one case is a small diff.
 */

export const SUITE_FORMAT_VERSION = 1;
export const SUITE_FILE_SUFFIX = '.suite.json';

/** Marketo's per-record statuses a case can expect (skipped carries `recordCode`). */
export const RecordStatusSchema = z.enum(['created', 'updated', 'added', 'skipped']);
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

export const SuiteExpectSchema = z.strictObject({
  outcome: z.enum(['delivered', 'rejected', 'skipped', 'failed', 'uncertain']),
  /** The rejection or failure code: UNMAPPED_EVENT, 1004, ... */
  code: z.string().min(1).optional(),
  /** What Marketo said about this event's own record in the write (upsert or activity post). */
  recordStatus: RecordStatusSchema.optional(),
  /** With recordStatus "skipped": the record's reason code, e.g. "1006". */
  recordCode: z.string().min(1).optional(),
  /** true: the engine made no request at all (a rejection or skip before sending). */
  noRequest: z.boolean().optional(),
  /** Read the stored activity back and expect these fields (apiName or primaryAttributeValue). */
  readBack: z.record(z.string(), z.unknown()).optional(),
});
export type SuiteExpect = z.infer<typeof SuiteExpectSchema>;

export const SuiteCaseSchema = z.strictObject({
  name: z.string().trim().min(1, 'a case needs a name').max(200),
  /** A Segment event; `{{name}}` placeholders are resolved at run time and kept in the file. */
  event: z.record(z.string(), z.unknown()),
  expect: SuiteExpectSchema,
});
export type SuiteCase = z.infer<typeof SuiteCaseSchema>;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/** A variable that looks like a credential is refused: suites are shared, secrets are not. */
const SECRET_NAME = /secret|password|token|apikey|api_key/i;

export const SuiteVariablesSchema = z
  .record(z.string().regex(VARIABLE_NAME, 'a variable name is letters, digits, _ . -'), z.string())
  .superRefine((vars, ctx) => {
    for (const name of Object.keys(vars))
      if (SECRET_NAME.test(name))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `"${name}" looks like a secret; suites are shared, so credentials belong in a profile, never in the file`,
        });
  });

export const SuiteFileSchema = z.strictObject({
  /** Where editors find the published JSON Schema (docs/suite.schema.json); ignored by the runner. */
  $schema: z.string().max(500).optional(),
  formatVersion: z.literal(SUITE_FORMAT_VERSION),
  name: z.string().trim().min(1, 'a suite needs a name').max(200),
  description: z.string().max(5000).optional(),
  /** Destination settings for this suite; absent: the profile's own. */
  settings: DestinationSettingsSchema.optional(),
  variables: SuiteVariablesSchema.optional(),
  cases: z.array(SuiteCaseSchema).max(100_000),
});
export type SuiteFile = z.infer<typeof SuiteFileSchema>;

/** A problem in a suite file, located in its text. */
export interface SuiteProblem {
  path: string;
  line: number;
  column: number;
  message: string;
}

/** Parses and checks a suite file's text: the suite, or every problem with its line and column. */
export function parseSuiteText(text: string): Result<SuiteFile, SuiteProblem[]> {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { path, line, column, message } = parsed.error;
    return err([{ path, line, column, message }]);
  }
  if (parsed.value.problems.length > 0)
    return err(
      parsed.value.problems.map(({ path, line, column, message }) => ({ path, line, column, message })),
    );
  const value = parsed.value.value;
  const at = (segments: readonly PathSegment[], message: string): SuiteProblem => {
    const where = locate(text, segments) ?? { line: 1, column: 1 };
    return { path: appendPath('$', ...segments), line: where.line, column: where.column, message };
  };
  // Checked first and alone: a file from a newer build is refused as such, not as a pile of errors.
  const version = isRecord(value) && Object.hasOwn(value, 'formatVersion') ? value.formatVersion : undefined;
  if (!isRecord(value))
    return err([at([], 'a suite file is a JSON object with formatVersion, name and cases')]);
  if (version === undefined)
    return err([at([], `formatVersion is missing (this build writes ${SUITE_FORMAT_VERSION})`)]);
  if (version !== SUITE_FORMAT_VERSION)
    return err([
      at(
        ['formatVersion'],
        typeof version === 'number' && version > SUITE_FORMAT_VERSION
          ? `formatVersion ${version} is newer than this build understands (${SUITE_FORMAT_VERSION}); update Event Tester to open it (the file is left as it is)`
          : `formatVersion must be ${SUITE_FORMAT_VERSION}, got ${JSON.stringify(version)}`,
      ),
    ]);
  const checked = SuiteFileSchema.safeParse(value);
  if (checked.success) return ok(checked.data);
  return err(
    checked.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) =>
            at([...(issue.path as PathSegment[]), key], `unknown key ${JSON.stringify(key)}`),
          )
        : [at(issue.path as PathSegment[], issue.message)],
    ),
  );
}

/** Problems as lines: `file:line:column: $.path: message`. */
export function formatSuiteProblems(file: string, problems: readonly SuiteProblem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column}: ${p.path}: ${p.message}`).join('\n');
}

const TOP_ORDER = [
  '$schema',
  'formatVersion',
  'name',
  'description',
  'settings',
  'variables',
  'cases',
] as const;
const CASE_ORDER = ['name', 'event', 'expect'] as const;
const EXPECT_ORDER = ['outcome', 'code', 'recordStatus', 'recordCode', 'noRequest', 'readBack'] as const;

function ordered(source: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order)
    if (Object.hasOwn(source, key) && source[key] !== undefined) out[key] = source[key];
  return out;
}

/**
 * The file's text: keys in a fixed order (the event keeps its author's order), 2-space indent, a
 * final newline. Placeholders stay as written: nothing here resolves variables.
 */
export function serializeSuite(suite: SuiteFile): string {
  const top = ordered(suite as unknown as Record<string, unknown>, TOP_ORDER);
  top.cases = suite.cases.map((c) => {
    const one = ordered(c as unknown as Record<string, unknown>, CASE_ORDER);
    one.expect = ordered(c.expect as unknown as Record<string, unknown>, EXPECT_ORDER);
    return one;
  });
  return `${JSON.stringify(top, null, 2)}\n`;
}

/** A new, empty suite. */
export function emptySuite(name: string): SuiteFile {
  return { formatVersion: SUITE_FORMAT_VERSION, name, cases: [] };
}

/** The suite file format as JSON Schema (draft-07), published in the repo as suite.schema.json. */
export function suiteJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(SuiteFileSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >),
    $id: 'https://event-tester.local/schemas/suite.schema.json',
    title: 'Event Tester suite',
  };
}
