/**
 * Executes a planned action through the Marketo client: the upsert of an identify, or the lead
 * lookup (cached) or direct upsert (createLeadIfMissing) and the exactly-once activity post of a
 * track or mapped page, with an optional read-back to verify what Marketo stored.
 */
import type { PlannedCall } from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import type { CallFailure, MarketoClient } from '../marketo/client';
import { postActivitiesExactlyOnce, type ExactlyOnceOptions, type RecordOutcome } from './exactlyOnce';
import type { Instance } from './instances';
import {
  cancelledUpsertOutcome,
  failedOutcome,
  leadNotFoundOutcome,
  uncertainOutcome,
  type Executed,
} from './outcome';
import type { LookupCandidate, PlannedAction } from './plan';
import { findPosted, readBackReport, readBackSince, type ActivityRecord } from './readBack';

export interface ExecuteContext {
  client: MarketoClient;
  instance: Instance;
  /** Warnings found while executing are appended here. */
  warnings: string[];
  now: () => Date;
  /** Retry budget, read-back polling, clock and randomness for the activity post. */
  post: ExactlyOnceOptions;
  /** Read the activity back after a normal delivery and compare it field by field. */
  verify: boolean;
}

type ActivityAction = Extract<PlannedAction, { type: 'activity' }>;
type UpsertAction = Extract<PlannedAction, { type: 'upsert' }>;

export function executeAction(
  action: PlannedAction,
  calls: PlannedCall[],
  ctx: ExecuteContext,
): Promise<Executed> {
  return action.type === 'upsert' ? executeUpsert(action, calls, ctx) : executeActivity(action, calls, ctx);
}

const failed = (failure: CallFailure, calls: PlannedCall[], ctx: ExecuteContext) =>
  failedOutcome(failure, calls, ctx.client.interactions, ctx.now);

async function executeUpsert(
  action: UpsertAction,
  calls: PlannedCall[],
  ctx: ExecuteContext,
): Promise<Executed> {
  const upsert = await ctx.client.upsertLeads([action.record], action.lookupField);
  if (!upsert.ok && upsert.error.code === 'ABORTED' && upsert.error.mayHaveProcessed)
    return cancelledUpsertOutcome(action.candidate.field, action.candidate.value, calls);
  if (!upsert.ok) return failed(upsert.error, calls, ctx);
  const record = upsert.value[0];
  if (typeof record?.id === 'number')
    ctx.instance.leads.set(action.candidate.field, action.candidate.value, record.id);
  return {
    outcome: 'delivered',
    reason: `Marketo ${record?.status ?? 'accepted'} lead ${record?.id ?? '(no id returned)'} (matched on ${action.lookupField}).`,
    plan: calls,
  };
}

type LeadResolution = Result<{ leadId: number | undefined; tried: LookupCandidate[] }, Executed>;

/** The lead id from the plan's cache hit, else from the lookups in order, else from creating the lead. */
async function resolveLead(
  action: ActivityAction,
  calls: PlannedCall[],
  ctx: ExecuteContext,
): Promise<LeadResolution> {
  const tried: LookupCandidate[] = [];
  if (action.leadId !== undefined) return ok({ leadId: action.leadId, tried });
  // createLeadIfMissing: one createOrUpdate finds or creates the lead, instead of lookups first.
  if (action.createLead) return upsertLead(action, calls, ctx);
  for (const candidate of action.lookups) {
    tried.push(candidate);
    const lookup = await ctx.client.lookupLeads(candidate.field, [candidate.value]);
    if (!lookup.ok) return err(failed(lookup.error, calls, ctx));
    const [lead, ...others] = lookup.value;
    if (lead && typeof lead.id === 'number') {
      if (others.length > 0) {
        ctx.warnings.push(
          `${others.length + 1} leads match ${candidate.field} = ${candidate.value}; using the first (id ${lead.id}). Merge the duplicates in Marketo.`,
        );
      }
      ctx.instance.leads.set(candidate.field, candidate.value, lead.id);
      return ok({ leadId: lead.id, tried });
    }
  }
  return ok({ leadId: undefined, tried });
}

async function upsertLead(
  action: ActivityAction,
  calls: PlannedCall[],
  ctx: ExecuteContext,
): Promise<LeadResolution> {
  const create = action.createLead!;
  const created = await ctx.client.upsertLeads([create.record], create.lookupField);
  if (!created.ok) return err(failed(created.error, calls, ctx));
  const record = created.value[0];
  const id = record?.id;
  if (typeof id !== 'number') return ok({ leadId: undefined, tried: [] });
  const value = create.record[create.lookupField];
  if (typeof value === 'string') ctx.instance.leads.set(create.lookupField, value, id);
  if (record?.status === 'created')
    ctx.warnings.push(
      `No lead had ${create.lookupField} = ${String(value)}, so lead ${id} was created (createLeadIfMissing).`,
    );
  return ok({ leadId: id, tried: [] });
}

async function executeActivity(
  action: ActivityAction,
  calls: PlannedCall[],
  ctx: ExecuteContext,
): Promise<Executed> {
  const lead = await resolveLead(action, calls, ctx);
  if (!lead.ok) return lead.error;
  const { leadId, tried } = lead.value;
  if (leadId === undefined) return leadNotFoundOutcome(tried, calls);

  const record: ActivityRecord = { leadId, ...action.activity };
  const [outcome] = await postActivitiesExactlyOnce(ctx.client, [record], ctx.post);
  return activityExecuted(outcome!, record, calls, ctx);
}

function activityExecuted(
  outcome: RecordOutcome,
  record: ActivityRecord,
  calls: PlannedCall[],
  ctx: ExecuteContext,
): Promise<Executed> | Executed {
  if (outcome.status === 'failed') return failed(outcome.failure, calls, ctx);
  if (outcome.status === 'uncertain')
    return uncertainOutcome(outcome.failure, outcome.why, record, calls, outcome.cancelled === true);
  const id = outcome.activityId === undefined ? '' : `${outcome.activityId} `;
  const confirmed = outcome.confirmedAfter
    ? ` Confirmed by reading Marketo back: the post's answer was lost (${outcome.confirmedAfter}), but the activity is stored, so it was not sent again.`
    : '';
  const executed: Executed = {
    outcome: 'delivered',
    reason: `Marketo added activity ${id}(type ${record.activityTypeId}) to lead ${record.leadId}.${confirmed}`,
    plan: calls,
  };
  if (!ctx.verify) return executed;
  if (outcome.stored) return { ...executed, readBack: readBackReport(record, outcome.stored, scrubFor(ctx)) };
  return verifyDelivered(executed, record, ctx);
}

const scrubFor = (ctx: ExecuteContext) => (value: unknown) => ctx.client.scrubValue(value);

/** `--verify`: read the delivered activity back and put it beside what was sent. */
async function verifyDelivered(
  executed: Executed,
  record: ActivityRecord,
  ctx: ExecuteContext,
): Promise<Executed> {
  const since = readBackSince([record], ctx.now());
  const found = await findPosted(ctx.client, [record], since, {
    ...ctx.post.readBack,
    sleep: ctx.post.sleep,
    ...(ctx.post.signal ? { signal: ctx.post.signal } : {}),
  });
  if (!found.ok) {
    ctx.warnings.push(
      found.error.code === 'ABORTED'
        ? 'Verify: the send was cancelled before Marketo was read back.'
        : `Verify: Marketo could not be read back (${found.error.code} ${found.error.title}).`,
    );
    return executed;
  }
  const readBack = readBackReport(record, found.value.get(0), scrubFor(ctx));
  if (!readBack.found)
    ctx.warnings.push('Verify: the activity was not listed by Marketo yet when read back.');
  else if (readBack.fields.some((f) => !f.match))
    ctx.warnings.push(
      `Verify: Marketo stored different values for ${readBack.fields
        .filter((f) => !f.match)
        .map((f) => f.name)
        .join(', ')}.`,
    );
  return { ...executed, readBack };
}
