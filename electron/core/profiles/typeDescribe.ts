/**
 * Filling in the attributes `activities/external/types.json` left out. Marketo's docs example lists
 * types without `primaryAttribute` and `attributes` (reference §5); only
 * `activities/external/type/{apiName}/describe.json` is sure to have them. Each describe is one API
 * call, so only the types that need it are described, one after another, at most MAX_DESCRIBES.
 */
import type { Result } from '../../../shared/result';

/** Marketo allows 10 custom activity types per instance; this bounds a list with old deleted ones. */
export const MAX_DESCRIBES = 20;

/** describe.json's `result` for one type (draft: its draft version), or what went wrong, worded. */
export type TypeDescriber = (apiName: string, draft: boolean) => Promise<Result<unknown[], string>>;

export interface DescribedTypes {
  types: unknown[];
  /** By type id: why its attributes are still unknown. */
  problems: Map<number, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A types.json item whose attributes, or whose primary attribute's data type, are not listed. */
export function lacksAttributes(item: unknown): boolean {
  if (!isRecord(item) || item.status === 'deleted') return false;
  const primary = item.primaryAttribute;
  return !Array.isArray(item.attributes) || !isRecord(primary) || typeof primary.dataType !== 'string';
}

/**
 * The types, each that lacked attributes completed from its describe.json. A describe that fails,
 * or one past the bound, leaves its type as it was and says why in `problems`; the rest go on.
 */
export async function describeMissingAttributes(
  types: readonly unknown[],
  describe: TypeDescriber,
  limit = MAX_DESCRIBES,
): Promise<DescribedTypes> {
  const problems = new Map<number, string>();
  let made = 0;
  const out: unknown[] = [];
  for (const item of types) {
    if (!lacksAttributes(item) || !isRecord(item) || typeof item.id !== 'number') {
      out.push(item);
      continue;
    }
    const apiName = typeof item.apiName === 'string' ? item.apiName : '';
    if (apiName === '') {
      problems.set(item.id, 'Marketo listed this type without an API name, so it could not be described.');
    } else if (made >= limit) {
      problems.set(
        item.id,
        `Not described: only the first ${limit} types without attributes are described per load.`,
      );
    } else {
      made += 1;
      // Sequential on purpose: each describe takes a slot in the shared rate budget.
      const described = await describe(apiName, item.status === 'draft');
      const detail = described.ok ? described.value[0] : undefined;
      if (!described.ok) problems.set(item.id, `Its attributes could not be loaded: ${described.error}`);
      else if (!isRecord(detail)) problems.set(item.id, 'describe.json answered without the type.');
      else {
        out.push({ ...item, primaryAttribute: detail.primaryAttribute, attributes: detail.attributes });
        continue;
      }
    }
    out.push(item);
  }
  return { types: out, problems };
}
