/**
 * Reading posted activities back from Marketo (reference/marketo-api.md, "Reading activities
 * back"): a paging token from a moment before the post, then `activities.json` for the records'
 * leads and types, page after page while `moreResult`, polling briefly because Marketo can take a
 * moment to list a new activity. Used to settle a post whose answer was lost, and by `--verify`.
 */
import type { ReadBack, ReadBackField } from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import type { CallFailure, MarketoClient, Sleep, StoredActivity } from '../marketo/client';

/** A custom activity as posted (one `input` record of activities/external.json). */
export interface ActivityRecord {
  leadId: number;
  activityDate: string;
  activityTypeId: number;
  primaryAttributeValue: string;
  attributes: { apiName: string; value: unknown }[];
}

export interface ReadBackOptions {
  /** How long to keep polling for records not listed yet (0: read once). */
  pollMs: number;
  /** Pause between polls. */
  intervalMs: number;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Monotonic ms. */
  clock?: () => number;
}

/** Marketo's caps per activities.json call. */
const MAX_LEADS_PER_READ = 30;
const MAX_TYPES_PER_READ = 10;
/** A bound on pages per read, against a server that always says moreResult. */
const MAX_PAGES = 500;
/** Clock skew between this machine and Marketo that the paging token's start absorbs. */
const SKEW_MARGIN_MS = 5 * 60 * 1000;

/**
 * Where reading starts: before the first attempt (minus clock skew) and before the records' own
 * activity dates, since it is not documented whether Marketo lists by arrival or by activityDate.
 */
export function readBackSince(records: readonly ActivityRecord[], firstAttemptAt: Date): string {
  const dates = records.map((r) => Date.parse(r.activityDate)).filter((t) => Number.isFinite(t));
  const earliest = Math.min(firstAttemptAt.getTime(), ...dates) - SKEW_MARGIN_MS;
  return new Date(earliest).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Finds each record among the activities Marketo lists: index of the record -> the stored activity.
 * A stored activity matches one record at most. An error when Marketo could not be read.
 */
export async function findPosted(
  client: MarketoClient,
  records: readonly ActivityRecord[],
  since: string,
  options: ReadBackOptions,
): Promise<Result<Map<number, StoredActivity>, CallFailure>> {
  const found = new Map<number, StoredActivity>();
  for (const chunk of chunkByLimits(records)) {
    const matched = await findChunk(client, records, chunk, since, options);
    if (!matched.ok) return matched;
    for (const [index, activity] of matched.value) found.set(index, activity);
  }
  return ok(found);
}

async function findChunk(
  client: MarketoClient,
  records: readonly ActivityRecord[],
  indices: number[],
  since: string,
  options: ReadBackOptions,
): Promise<Result<Map<number, StoredActivity>, CallFailure>> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const token = await client.getPagingToken(since);
  if (!token.ok) return token;
  const leadIds = [...new Set(indices.map((i) => records[i]!.leadId))];
  const typeIds = [...new Set(indices.map((i) => records[i]!.activityTypeId))];
  const found = new Map<number, StoredActivity>();
  const claimed = new Set<StoredActivity>();
  let pageToken = token.value;
  for (let pages = 0; pages < MAX_PAGES;) {
    const page = await client.readActivities(pageToken, typeIds, leadIds);
    if (!page.ok) return page;
    pages += 1;
    for (const index of indices) {
      if (found.has(index)) continue;
      const match = bestMatch(records[index]!, page.value.result, claimed);
      if (match) {
        claimed.add(match);
        found.set(index, match);
      }
    }
    // Continue from the returned token: it points after what was read, so a later poll sees only new activities.
    if (page.value.nextPageToken) pageToken = page.value.nextPageToken;
    if (found.size === indices.length) break;
    if (page.value.moreResult) continue;
    if (clock() - started >= options.pollMs) break;
    try {
      await options.sleep(options.intervalMs, options.signal);
    } catch {
      return err(abortedFailure());
    }
  }
  return ok(found);
}

/** Groups record indices so each read names at most 30 leads and 10 activity types. */
function chunkByLimits(records: readonly ActivityRecord[]): number[][] {
  const chunks: { indices: number[]; leads: Set<number>; types: Set<number> }[] = [];
  records.forEach((record, index) => {
    const fits = chunks.find(
      (c) =>
        (c.leads.has(record.leadId) || c.leads.size < MAX_LEADS_PER_READ) &&
        (c.types.has(record.activityTypeId) || c.types.size < MAX_TYPES_PER_READ),
    );
    const chunk = fits ?? { indices: [], leads: new Set<number>(), types: new Set<number>() };
    if (!fits) chunks.push(chunk);
    chunk.indices.push(index);
    chunk.leads.add(record.leadId);
    chunk.types.add(record.activityTypeId);
  });
  return chunks.map((c) => c.indices);
}

const sameInstant = (a: unknown, b: unknown) =>
  typeof a === 'string' &&
  typeof b === 'string' &&
  Date.parse(a) === Date.parse(b) &&
  !Number.isNaN(Date.parse(a));

/** Lead, type, primary attribute value and activity date must match; attributes break ties. */
function bestMatch(
  record: ActivityRecord,
  listed: readonly StoredActivity[],
  claimed: ReadonlySet<StoredActivity>,
): StoredActivity | undefined {
  const candidates = listed.filter(
    (a) =>
      !claimed.has(a) &&
      a.leadId === record.leadId &&
      a.activityTypeId === record.activityTypeId &&
      a.primaryAttributeValue === record.primaryAttributeValue &&
      sameInstant(a.activityDate, record.activityDate),
  );
  return candidates.find((a) => compareFields(record, a).every((f) => f.match)) ?? candidates[0];
}

const looseEqual = (a: unknown, b: unknown) =>
  a === b || (a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b));

/** The posted record beside the stored activity, field by field. */
export function compareFields(record: ActivityRecord, stored: StoredActivity | undefined): ReadBackField[] {
  const field = (name: string, sent: unknown, kept: unknown, match: boolean): ReadBackField => ({
    name,
    sent,
    stored: kept ?? null,
    match,
  });
  const fields = [
    field('leadId', record.leadId, stored?.leadId, stored?.leadId === record.leadId),
    field(
      'activityTypeId',
      record.activityTypeId,
      stored?.activityTypeId,
      stored?.activityTypeId === record.activityTypeId,
    ),
    field(
      'activityDate',
      record.activityDate,
      stored?.activityDate,
      sameInstant(record.activityDate, stored?.activityDate),
    ),
    field(
      'primaryAttributeValue',
      record.primaryAttributeValue,
      stored?.primaryAttributeValue,
      stored?.primaryAttributeValue === record.primaryAttributeValue,
    ),
  ];
  const listed = Array.isArray(stored?.attributes) ? stored.attributes : [];
  for (const attribute of record.attributes) {
    // Marketo may list the display name ("Seats") where we posted the apiName ("seats").
    const kept = listed.find(
      (a) =>
        a.apiName === attribute.apiName ||
        a.name === attribute.apiName ||
        (typeof a.name === 'string' && a.name.toLowerCase() === attribute.apiName.toLowerCase()),
    );
    fields.push(
      field(
        `attributes.${attribute.apiName}`,
        attribute.value,
        kept?.value,
        looseEqual(attribute.value, kept?.value),
      ),
    );
  }
  return fields;
}

/**
 * The report's readBack section for one record. --- SECURITY: the stored side comes from Marketo's
 * unredacted answer and is shown, printed and kept in history, so every value passes through
 * `scrub` (the client's `scrubValue`) once matching is done on the raw values.
 */
export function readBackReport(
  record: ActivityRecord,
  stored: StoredActivity | undefined,
  scrub: (value: unknown) => unknown,
): ReadBack {
  const id = stored?.marketoGUID ?? (stored?.id !== undefined ? String(stored.id) : undefined);
  return {
    found: stored !== undefined,
    ...(id !== undefined ? { activityId: String(scrub(id)) } : {}),
    fields: compareFields(record, stored).map((f) => ({
      name: String(scrub(f.name)),
      sent: scrub(f.sent),
      stored: scrub(f.stored),
      match: f.match,
    })),
  };
}

function abortedFailure(): CallFailure {
  return {
    step: 'activity-read',
    code: 'ABORTED',
    message: 'Cancelled while waiting to read back',
    title: 'Cancelled',
    classification: { kind: 'fatal', code: 'ABORTED', hint: 'The send was cancelled before it finished.' },
    level: 'request',
    mayHaveProcessed: false,
  };
}
