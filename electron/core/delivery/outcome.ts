/**
 * How the engine words its conclusions: one place for the reason and hint of a failed call, an
 * invalid event and an engine bug, so every host prints the same explanation.
 */
import type { DeliveryReport, Interaction, PlannedCall } from '../../../shared/interaction';
import type { Problem } from '../../../shared/segment/validate';
import type { CallFailure } from '../marketo/client';
import { quotaResetNote } from '../marketo/errorCatalog';
import { redactText } from '../redact';

/** The part of a report that executing a plan decides. */
export type Executed = Pick<DeliveryReport, 'outcome' | 'reason' | 'hint' | 'code' | 'plan' | 'readBack'>;

const STEP_LABEL: Record<CallFailure['step'], string> = {
  token: 'The access token request',
  'lead-lookup': 'The lead lookup',
  'lead-upsert': 'The lead upsert',
  'activity-post': 'The activity post',
  describe: 'The lead field description',
  'activity-types': 'The activity type list',
  'activity-type-describe': 'The activity type description',
  usage: 'The daily usage request',
  'paging-token': 'The read-back paging token request',
  'activity-read': 'Reading the activities back',
};

export function failedOutcome(
  failure: CallFailure,
  calls: PlannedCall[],
  interactions: readonly Interaction[],
  now: () => Date,
): Executed {
  const attempts = interactions.filter((i) => i.step === failure.step).at(-1)?.attempt ?? 1;
  const detail = failure.message && !failure.message.startsWith(failure.code) ? ` (${failure.message})` : '';
  const reason =
    failure.level === 'record'
      ? `Marketo skipped the record: ${failure.code} ${failure.title}${detail}.`
      : `${STEP_LABEL[failure.step]} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${failure.code} ${failure.title}${detail}.`;
  const hint =
    failure.code === '607'
      ? `${failure.classification.hint} ${quotaResetNote(now())}`
      : failure.classification.hint;
  return { outcome: 'failed', code: failure.code, reason, hint, plan: calls };
}

/**
 * A post whose result is still unknown after the retry budget: distinct from failed, because
 * sending again could store the activity twice. Says what to check in Marketo.
 */
export function uncertainOutcome(
  failure: CallFailure,
  why: string,
  record: { leadId: number; activityTypeId: number; primaryAttributeValue: string; activityDate: string },
  calls: PlannedCall[],
  cancelled = false,
): Executed {
  const lost =
    cancelled && failure.code === 'ABORTED'
      ? 'The send was cancelled while the activity post was in flight'
      : `The activity post's answer was lost (${failure.code} ${failure.title})`;
  return {
    outcome: 'uncertain',
    code: cancelled ? CANCELLED : failure.code,
    reason: `${lost}, so it is unknown whether Marketo stored it.${cancelled && failure.code === 'ABORTED' ? '' : ` ${why}`}`,
    hint:
      `Before sending again, check lead ${record.leadId}'s activity log in Marketo for activity type ${record.activityTypeId} ` +
      `with primary value "${record.primaryAttributeValue}" dated ${record.activityDate}; send again only if it is not there.`,
    plan: calls,
  };
}

/** No lead for the event: none matched its lookups, or an upsert returned no id. Nothing was posted. */
export function leadNotFoundOutcome(
  tried: readonly { field: string; value: string }[],
  calls: PlannedCall[],
): Executed {
  const lookedFor = tried.map((c) => `${c.field} = ${c.value}`).join(' or ');
  return {
    outcome: 'rejected',
    code: 'LEAD_NOT_FOUND',
    reason:
      tried.length > 0
        ? `No Marketo lead has ${lookedFor}, so the activity was not posted.`
        : 'Marketo returned no lead id for the upsert, so the activity was not posted.',
    hint: 'Send an identify for this person first, or set createLeadIfMissing to true in the destination settings.',
    plan: calls,
  };
}

/** A delivery's code when the user cancelled it; its exchanges cut off on the wire say ABORTED. */
export const CANCELLED = 'CANCELLED';

/**
 * A send cancelled before its event could reach Marketo: failed, since nothing of it was stored.
 * Earlier tries of the post (refused, or read back and not found) stored nothing either; a lead
 * upsert made first (createLeadIfMissing) may have created the lead, so the reason says so.
 */
export function cancelledOutcome(calls: PlannedCall[], interactions: readonly Interaction[]): Executed {
  const posted = interactions.some((i) => i.step === 'activity-post');
  const upserted = interactions.some((i) => i.step === 'lead-upsert');
  return {
    outcome: 'failed',
    code: CANCELLED,
    reason: posted
      ? 'Cancelled before the activity was stored in Marketo: the earlier tries in the lifecycle did not store it.'
      : upserted
        ? 'Cancelled before the activity was posted to Marketo; the lead upsert before it may have created or updated the lead.'
        : 'Cancelled before anything was posted to Marketo.',
    hint: 'Sending the event again cannot store it twice: send it when you are ready.',
    plan: calls,
  };
}

/** An identify's upsert cut off on the wire: Marketo may have applied it. */
export function cancelledUpsertOutcome(lookupField: string, value: string, calls: PlannedCall[]): Executed {
  return {
    outcome: 'uncertain',
    code: CANCELLED,
    reason:
      'The send was cancelled while the lead upsert was in flight, so it is unknown whether Marketo created or updated the lead.',
    hint: `Check Marketo for the lead with ${lookupField} = ${value}. Sending again is safe: the upsert is createOrUpdate, so it cannot create the lead twice.`,
    plan: calls,
  };
}

/** The one answer to an event that is not valid Segment: every host rejects it here, with this code. */
export function invalidEventReport(
  errors: readonly Problem[],
  dryRun: boolean,
  warnings: string[],
): DeliveryReport {
  const listed = errors.slice(0, 5).map((e) => `${e.path || '$'} ${e.message}`);
  if (errors.length > 5) listed.push(`and ${errors.length - 5} more`);
  return {
    outcome: 'rejected',
    code: 'INVALID_EVENT',
    reason: `The event is not valid: ${listed.join('; ') || 'it does not match the Segment spec'}`,
    hint: 'Fix the event where each problem is located, then send it again.',
    dryRun,
    plan: [],
    interactions: [],
    warnings,
  };
}

export function engineBugReport(
  error: unknown,
  secrets: string[],
  base: Pick<DeliveryReport, 'dryRun' | 'plan' | 'interactions' | 'warnings'>,
): DeliveryReport {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...base,
    outcome: 'failed',
    code: 'INTERNAL',
    reason: `The engine failed unexpectedly: ${redactText(message, secrets)}`,
    hint: 'This is a bug in the app: please report it with the lifecycle.',
  };
}
