/**
 * What stops an event before any call is made, for single and batched delivery alike: the plan's
 * rejection or skip, a request over Marketo's 1 MB, and, when the instance's activity types are
 * known, a mapping Marketo would refuse record by record (an unknown type or attribute, a value
 * whose type cannot fit the attribute) — caught here rather than as a skipped record after the post.
 */
import type { DeliveryReport } from '../../../shared/interaction';
import type { CatalogActivityType } from '../../../shared/profiles';
import type { SegmentEvent } from '../../../shared/segment/schemas';
import { lintForMarketo } from '../../../shared/segment/marketoLint';
import { err, ok, type Result } from '../../../shared/result';
import type { DestinationSettings } from '../../../shared/settings';
import { oversizeCall, type Plan } from './plan';

type Base = Pick<DeliveryReport, 'dryRun' | 'warnings' | 'interactions' | 'plan'>;
export type SendPlan = Extract<Plan, { kind: 'send' }>;

/** The plan to execute, or the report that ends the delivery before any call. */
export function preflight(
  plan: Plan,
  event: SegmentEvent,
  settings: DestinationSettings,
  activityTypes: readonly CatalogActivityType[] | undefined,
  base: Base,
): Result<SendPlan, DeliveryReport> {
  if (plan.kind === 'reject') {
    return err({ ...base, outcome: 'rejected', reason: plan.reason, hint: plan.hint, code: plan.code });
  }
  if (plan.kind === 'skip') return err({ ...base, outcome: 'skipped', reason: plan.reason });
  const oversize = oversizeCall(plan.calls);
  if (oversize) {
    const mb = (oversize.bytes / (1024 * 1024)).toFixed(1);
    return err({
      ...base,
      outcome: 'rejected',
      code: 'REQUEST_TOO_LARGE',
      reason: `The ${oversize.call.step} request would be ${mb} MB; Marketo takes at most 1 MB per request, so nothing was sent.`,
      hint: 'Send fewer or shorter properties (each activity attribute holds one short value).',
    });
  }
  const mismatch = activityTypes ? metadataMismatch(plan, event, settings, activityTypes) : null;
  return mismatch ? err({ ...base, outcome: 'rejected', ...mismatch }) : ok(plan);
}

type Mismatch = Required<Pick<DeliveryReport, 'code' | 'reason' | 'hint'>>;

const RELOAD = 'If the activity type changed in Marketo, use "Load from Marketo" on the profile again.';

function metadataMismatch(
  plan: SendPlan,
  event: SegmentEvent,
  settings: DestinationSettings,
  types: readonly CatalogActivityType[],
): Mismatch | null {
  if (plan.action.type !== 'activity') return null;
  const { activityTypeId, attributes } = plan.action.activity;
  const type = types.find((t) => t.id === activityTypeId);
  if (!type) {
    return {
      code: 'UNKNOWN_ACTIVITY_TYPE',
      reason: `Activity type ${activityTypeId} is not one of this instance's custom activity types, so Marketo would refuse the post (nothing was sent).`,
      hint: `Map the event to an existing activity type in the destination settings. ${RELOAD}`,
    };
  }
  const known = new Set(type.attributes.map((a) => a.apiName));
  // Attributes Marketo did not say (attributesProblem) are not known to be absent.
  const unknown =
    type.attributesProblem === undefined
      ? attributes.map((a) => a.apiName).filter((apiName) => !known.has(apiName))
      : [];
  if (unknown.length > 0) {
    return {
      code: 'UNKNOWN_ATTRIBUTE',
      reason: `Activity type ${activityTypeId} (${type.name}) has no attribute ${unknown.map((n) => `"${n.slice(0, 100)}"`).join(', ')}, so Marketo would skip the record (nothing was sent).`,
      hint: `Map the property to one of ${[...known].map((n) => `"${n}"`).join(', ') || 'its attributes'}. ${RELOAD}`,
    };
  }
  const typeError = lintForMarketo(event, settings, { activityTypes: types }).find(
    (finding) => finding.rule === 'attribute-type',
  );
  if (!typeError) return null;
  return {
    code: 'ATTRIBUTE_TYPE',
    reason: `${typeError.path}: ${typeError.message} (nothing was sent).`,
    hint: typeError.fix,
  };
}
