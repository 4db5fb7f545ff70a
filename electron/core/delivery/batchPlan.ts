/**
 * The first half of a batched delivery: each event validated and planned as a single send would
 * be (so its plan and rejection read the same), then the sendable ones cut into waves. A wave never
 * holds an identify together with another event of the same person, so an identify reaches Marketo
 * before (or after) that person's track exactly as the events were ordered.
 */
import type { DeliveryReport, Interaction } from '../../../shared/interaction';
import type { CatalogActivityType } from '../../../shared/profiles';
import type { CallType } from '../../../shared/segment/schemas';
import { checkSingleEvent } from '../../../shared/segment/validate';
import type { DestinationSettings } from '../../../shared/settings';
import { invalidEventReport } from './outcome';
import { planDelivery, type LookupCandidate, type PlanCaches, type PlannedAction } from './plan';
import { preflight } from './preflight';

export interface BatchItem {
  event: unknown;
  impliedType?: CallType;
}

/** One event on its way through the batch. */
export interface Pending {
  index: number;
  action: PlannedAction;
  plan: DeliveryReport['plan'];
  warnings: string[];
  /** The batched exchanges this event took part in, each marked with its record. */
  interactions: Interaction[];
  /** Known lead id (cache, lookup or upsert); `fromCache` when no call of this run found it. */
  leadId?: number;
  fromCache?: boolean;
  /** Which lookup candidate is tried next. */
  candidate: number;
  /** A lead call failed for this event and settled it already. */
  settledByLeads?: boolean;
}

export type Planned = { settled: DeliveryReport; index: number } | { pending: Pending };

/** Lead-cache key of one identifier; emails match case-insensitively, as in Marketo. */
export const personKey = (field: string, value: string) =>
  `${field}\u0000${field === 'email' ? value.toLowerCase() : value}`;

export function planItem(
  item: BatchItem,
  index: number,
  settings: DestinationSettings,
  caches: PlanCaches,
  now: () => Date,
  activityTypes?: readonly CatalogActivityType[],
): Planned {
  const check = checkSingleEvent(item.event, item.impliedType ? { impliedType: item.impliedType } : {});
  const warnings = check.warnings.map((w) => `${w.path}: ${w.message}`);
  if (!check.valid || !check.event)
    return { index, settled: invalidEventReport(check.errors, false, warnings) };
  const plan = planDelivery(check.event, settings, caches, { now });
  warnings.push(...plan.warnings);
  const base = { dryRun: false, warnings, interactions: [], plan: [] };
  const checked = preflight(plan, check.event, settings, activityTypes, base);
  if (!checked.ok) return { index, settled: checked.error };
  const action = checked.value.action;
  return {
    pending: {
      index,
      action,
      plan: checked.value.calls,
      warnings,
      interactions: [],
      candidate: 0,
      ...(action.type === 'activity' && action.leadId !== undefined
        ? { leadId: action.leadId, fromCache: true }
        : {}),
    },
  };
}

function keysOf(action: PlannedAction): string[] {
  if (action.type === 'upsert') return [personKey(action.candidate.field, action.candidate.value)];
  const keys = action.lookups.map((c: LookupCandidate) => personKey(c.field, c.value));
  const create = action.createLead;
  const created = create?.record[create.lookupField];
  if (create && typeof created === 'string') keys.push(personKey(create.lookupField, created));
  return keys;
}

/**
 * Waves in event order: an identify starts a new wave when its person already has an event in the
 * current one; any event does when its person has an identify there. Within a wave the upserts go
 * first, then the activities, so this keeps each person's order.
 */
export function intoWaves(pending: readonly Pending[]): Pending[][] {
  const waves: Pending[][] = [];
  let wave: Pending[] = [];
  let anyKeys = new Set<string>();
  let upsertKeys = new Set<string>();
  for (const item of pending) {
    const keys = keysOf(item.action);
    const clash =
      item.action.type === 'upsert' ? keys.some((k) => anyKeys.has(k)) : keys.some((k) => upsertKeys.has(k));
    if (clash) {
      waves.push(wave);
      wave = [];
      anyKeys = new Set();
      upsertKeys = new Set();
    }
    wave.push(item);
    for (const k of keys) {
      anyKeys.add(k);
      if (item.action.type === 'upsert') upsertKeys.add(k);
    }
  }
  if (wave.length > 0) waves.push(wave);
  return waves;
}

/** Consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
