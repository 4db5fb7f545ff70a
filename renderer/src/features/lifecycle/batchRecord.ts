import type { Interaction } from '../../../../shared/interaction';
import { bodyText } from '../../ui/bodyText';
import { blockMembers, foldAt, foldsOfLines, memberKey, type LineRange } from '../../ui/jsonFolds';
import { queryParams } from './outcome';

/**
 * Which part of a batched call was this event's. A batched write carries up to 300 records in
 * `input` (activities/external.json, leads.json upserts) and Marketo answers each in `result`, by
 * position; a batched lookup carries one value per person in `filterValues`. The lifecycle marks
 * this event's record in the bodies it shows, found here in the pretty-printed text.
 */

/** Whose record sits where: the array that holds one entry per record, on each side of a write. */
const RECORD_ARRAYS: Partial<Record<Interaction['step'], { request: string; response: string }>> = {
  'activity-post': { request: 'input', response: 'result' },
  'lead-upsert': { request: 'input', response: 'result' },
};

export type BodySide = 'request' | 'response';

/** Where this event's record is in one side's pretty body, or why it is not marked. */
export type RecordPlace =
  | { kind: 'lines'; lines: LineRange }
  /** The body holds a different number of records than the batch (a re-post of the ones not yet found). */
  | { kind: 'other-count'; count: number }
  /** A re-post that did not carry this event's record (a read-back had found it already). */
  | { kind: 'not-carried'; count: number }
  | { kind: 'none' };

const NONE: RecordPlace = { kind: 'none' };

/**
 * The lines of the `index`-th item of the top-level object's `key` array in pretty JSON text, or
 * the item count when it does not hold `expected` items. None for text that is not such JSON.
 */
export function recordLines(text: string | null, key: string, index: number, expected: number): RecordPlace {
  if (text === null) return NONE;
  const { lines } = bodyText(text);
  const folds = foldsOfLines(lines);
  const root = foldAt(folds, 0);
  if (!root || root.kind !== 'object') return NONE;
  const member = blockMembers(folds, root)?.find((m) => memberKey(lines[m.start] ?? '') === key);
  const array = member ? foldAt(folds, member.start) : undefined;
  if (!array || array.kind !== 'array' || array.end !== member?.end) return NONE;
  const items = blockMembers(folds, array);
  if (!items) return NONE;
  if (items.length !== expected) return { kind: 'other-count', count: items.length };
  const item = items[index];
  return item ? { kind: 'lines', lines: item } : NONE;
}

/**
 * This event's record in one side of an exchange, given that side's pretty body. A re-post (an
 * activity post after a read-back, carrying only the records not found) holds fewer records than
 * the batch: there the record is found by its content in the batch's whole post earlier in the
 * same lifecycle, and the re-post's answer by that same position.
 */
export function ownRecordPlace(
  interaction: Interaction,
  side: BodySide,
  prettyText: string | null,
  lifecycle: readonly Interaction[] = [],
): RecordPlace {
  const { batch } = interaction;
  const arrays = RECORD_ARRAYS[interaction.step];
  if (!batch || !arrays) return NONE;
  const place = recordLines(prettyText, arrays[side], batch.index, batch.records);
  if (place.kind !== 'other-count') return place;
  const position = positionInRepost(interaction, lifecycle);
  if (position === null) return place;
  if (position === -1) return { kind: 'not-carried', count: place.count };
  return recordLines(prettyText, arrays[side], position, place.count);
}

/** A request body's `input` records (the body is recorded as an object, or as JSON text). */
function inputRecords(body: unknown): unknown[] | null {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  const input = typeof value === 'object' && value !== null ? (value as { input?: unknown }).input : null;
  return Array.isArray(input) ? input : null;
}

/**
 * Where this event's record sits in a re-post: its content taken from the nearest earlier call of
 * the same step and batch that carried every record. -1 when the re-post does not carry it; null
 * when there is no such earlier call to compare with.
 */
function positionInRepost(repost: Interaction, lifecycle: readonly Interaction[]): number | null {
  const { batch } = repost;
  const carried = inputRecords(repost.request.body);
  if (!batch || !carried) return null;
  const before = lifecycle.slice(0, Math.max(0, lifecycle.indexOf(repost)));
  const whole = before.findLast(
    (i) =>
      i.step === repost.step &&
      i.batch?.index === batch.index &&
      i.batch.records === batch.records &&
      inputRecords(i.request.body)?.length === batch.records,
  );
  const own = whole ? inputRecords(whole.request.body)?.[batch.index] : undefined;
  if (own === undefined) return null;
  const key = JSON.stringify(own);
  return carried.findIndex((record) => JSON.stringify(record) === key);
}

/**
 * A batched lookup's value for this event: the `index`-th of `filterValues`, from the query or (a
 * long lookup sent as POST with `_method=GET`) the form body. Null when it is not there.
 */
export function ownLookupValue(interaction: Interaction): string | null {
  const { batch, request } = interaction;
  if (!batch || interaction.step !== 'lead-lookup') return null;
  const fromQuery = queryParams(request.url).find(([name]) => name === 'filterValues')?.[1];
  const fromForm =
    typeof request.body === 'string' ? new URLSearchParams(request.body).get('filterValues') : null;
  const values = (fromQuery ?? fromForm)?.split(',');
  if (!values || values.length !== batch.records) return null;
  return values[batch.index] ?? null;
}
