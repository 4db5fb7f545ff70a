/**
 * What the Event Builder suggests for a call: reserved traits and semantic-event properties from
 * the Spec (§4, §5), and, given the active profile's settings, the mapped event names and each
 * mapped property with its Marketo attribute and data type (the primary one required). Pure.
 */
import type { CatalogActivityType } from '../profiles';
import type { ActivityMapping, DestinationSettings } from '../settings';
import { GROUP_TRAITS, PAGE_PROPERTIES, TRACK_PROPERTIES, USER_TRAITS } from './lint';
import type { CallType } from './schemas';

export interface KeySuggestion {
  key: string;
  /** Where it comes from, for the hint: "reserved trait", "Order Completed", "Marketo: seats (integer)". */
  note: string;
  required?: boolean;
}

const SEMANTIC_PROPERTIES = new Map<string, readonly string[]>([
  [
    'Order Completed',
    [
      'checkout_id',
      'order_id',
      'affiliation',
      'subtotal',
      'total',
      'revenue',
      'shipping',
      'tax',
      'discount',
      'coupon',
      'currency',
      'products',
    ],
  ],
  ['Signed Up', ['type', 'first_name', 'last_name', 'email', 'phone', 'username', 'title']],
  ['Trial Started', ['trial_start_date', 'trial_end_date', 'trial_plan_name']],
  ['Account Created', ['account_name']],
  ['Signed In', ['username']],
]);

export const SEMANTIC_EVENTS = [...SEMANTIC_PROPERTIES.keys()];

/** Mapped event names first (they deliver), then the semantic events the Spec names. */
export function eventNameSuggestions(settings: DestinationSettings | null): string[] {
  const mapped = settings ? Object.keys(settings.activities) : [];
  return [...mapped, ...SEMANTIC_EVENTS.filter((name) => !mapped.includes(name))];
}

/** Keys to suggest for the call's properties or traits. */
export function keySuggestions(
  type: CallType,
  eventName: string | null,
  settings: DestinationSettings | null,
  activityTypes: readonly CatalogActivityType[] | null,
): KeySuggestion[] {
  const out = new Map<string, KeySuggestion>();
  const put = (s: KeySuggestion) => void (out.has(s.key) ? undefined : out.set(s.key, s));
  const mapping = mappingFor(type, eventName, settings);
  if (mapping) for (const s of mappedKeys(mapping, activityTypes)) put(s);
  const reserved =
    type === 'identify'
      ? USER_TRAITS
      : type === 'group'
        ? GROUP_TRAITS
        : type === 'page'
          ? PAGE_PROPERTIES
          : type === 'track'
            ? TRACK_PROPERTIES
            : {};
  const noun = type === 'identify' || type === 'group' ? 'reserved trait' : 'reserved property';
  for (const key of Object.keys(reserved)) put({ key, note: noun });
  const semantic = eventName !== null ? SEMANTIC_PROPERTIES.get(eventName) : undefined;
  for (const key of semantic ?? []) put({ key, note: eventName! });
  return [...out.values()];
}

function mappingFor(
  type: CallType,
  eventName: string | null,
  settings: DestinationSettings | null,
): ActivityMapping | null {
  if (!settings) return null;
  if (type === 'page') return settings.page;
  if (type !== 'track' || eventName === null || !Object.hasOwn(settings.activities, eventName)) return null;
  return settings.activities[eventName] ?? null;
}

function mappedKeys(
  mapping: ActivityMapping,
  activityTypes: readonly CatalogActivityType[] | null,
): KeySuggestion[] {
  const type = activityTypes?.find((t) => t.id === mapping.activityTypeId);
  const dataType = (apiName: string) => type?.attributes.find((a) => a.apiName === apiName)?.dataType;
  const primaryType = type?.primaryAttribute?.dataType;
  const primary: KeySuggestion = {
    key: mapping.primaryProperty,
    note: `Marketo: primary attribute${primaryType ? ` (${primaryType})` : ''}`,
    required: true,
  };
  const attributes = Object.entries(mapping.attributes).map(([key, apiName]) => {
    const kind = dataType(apiName);
    return { key, note: `Marketo: ${apiName}${kind ? ` (${kind})` : ''}` };
  });
  return [primary, ...attributes];
}
