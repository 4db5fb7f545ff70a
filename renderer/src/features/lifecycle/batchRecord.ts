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

/** This event's record in one side of an exchange, given that side's pretty body. */
export function ownRecordPlace(
  interaction: Interaction,
  side: BodySide,
  prettyText: string | null,
): RecordPlace {
  const { batch } = interaction;
  const arrays = RECORD_ARRAYS[interaction.step];
  if (!batch || !arrays) return NONE;
  return recordLines(prettyText, arrays[side], batch.index, batch.records);
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
