// Pure edits of destination settings for the settings form: each returns new settings, never
// mutates, and keeps key order (so the JSON tab and exported files stay diff-friendly). Records are
// rebuilt with Object.entries / fromEntries; a user-typed key is never used to index an object.
import {
  type ActivityMapping,
  type DestinationSettings,
  DestinationSettingsSchema,
} from '../../../../shared/settings';
import { parseJsonText } from '../../../../shared/segment/validate';
import type { Result } from '../../../../shared/result';

type Pairs = Record<string, string>;

/** Replaces the entry `from` (or appends when null or absent) with `to: value`, keeping the order. */
export function setEntry<V>(
  record: Record<string, V>,
  from: string | null,
  to: string,
  value: V,
): Record<string, V> {
  const out: [string, V][] = [];
  let placed = false;
  for (const [key, current] of Object.entries(record)) {
    if (key === from) {
      out.push([to, value]);
      placed = true;
    } else if (key !== to) out.push([key, current]);
  }
  if (!placed) out.push([to, value]);
  return Object.fromEntries(out);
}

export function removeEntry<V>(record: Record<string, V>, key: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** An unused key like "New event 2" for a row the user is about to name. */
export function freshKey(record: Record<string, unknown>, base: string): string {
  let key = base;
  for (let n = 2; Object.hasOwn(record, key); n += 1) key = `${base} ${n}`;
  return key;
}

/**
 * The settings with lead lookup rule `index` moved one place (`-1` earlier, `+1` later): the order
 * is the order fields are tried. Unchanged when the move would leave the list.
 */
export function moveLookupRule(
  settings: DestinationSettings,
  index: number,
  offset: -1 | 1,
): DestinationSettings {
  const rules = settings.leadLookup;
  const to = index + offset;
  if (index < 0 || index >= rules.length || to < 0 || to >= rules.length) return settings;
  const moved = [...rules];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return { ...settings, leadLookup: moved };
}

export const emptyMapping = (activityTypeId = 1): ActivityMapping => ({
  activityTypeId,
  primaryProperty: '',
  attributes: {},
});

export function setActivity(
  settings: DestinationSettings,
  from: string | null,
  event: string,
  mapping: ActivityMapping,
): DestinationSettings {
  return { ...settings, activities: setEntry(settings.activities, from, event, mapping) };
}

export function setLeadField(
  settings: DestinationSettings,
  from: string | null,
  trait: string,
  field: string,
) {
  return { ...settings, leadFields: setEntry<string>(settings.leadFields, from, trait, field) };
}

export function setAttribute(
  mapping: ActivityMapping,
  from: string | null,
  property: string,
  apiName: string,
) {
  return { ...mapping, attributes: setEntry<string>(mapping.attributes as Pairs, from, property, apiName) };
}

/** The settings as the JSON tab shows them: two-space JSON with a final newline. */
export function settingsToJson(settings: DestinationSettings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** The JSON tab's text as settings, or the first problem (with its location or JSON path). */
export function settingsFromJson(text: string): Result<DestinationSettings> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, error: parsed.error.message };
  const checked = DestinationSettingsSchema.safeParse(parsed.value);
  if (checked.success) return { ok: true, value: checked.data };
  const issue = checked.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'settings';
  return { ok: false, error: `${path}: ${issue?.message ?? 'invalid'}` };
}
