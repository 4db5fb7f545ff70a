/**
 * Executes a planned action through the Marketo client: the upsert of an identify, or the lead
 * lookup (cached), optional lead creation and activity post of a track or mapped page.
 */
import type { PlannedCall } from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import type { CallFailure, MarketoClient } from '../marketo/client';
import type { Instance } from './instances';
import { failedOutcome, type Executed } from './outcome';
import type { LookupCandidate, PlannedAction } from './plan';

export interface ExecuteContext {
  client: MarketoClient;
  instance: Instance;
  /** Warnings found while executing are appended here. */
  warnings: string[];
  now: () => Date;
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
  if (!action.createLead) return ok({ leadId: undefined, tried });
  const created = await ctx.client.upsertLeads([action.createLead.record], action.createLead.lookupField);
  if (!created.ok) return err(failed(created.error, calls, ctx));
  const id = created.value[0]?.id;
  if (typeof id !== 'number') return ok({ leadId: undefined, tried });
  const first = action.lookups[0];
  if (first) ctx.instance.leads.set(first.field, first.value, id);
  ctx.warnings.push(`No lead was found, so lead ${id} was created (createLeadIfMissing).`);
  return ok({ leadId: id, tried });
}

async function executeActivity(
  action: ActivityAction,
  calls: PlannedCall[],
  ctx: ExecuteContext,
): Promise<Executed> {
  const lead = await resolveLead(action, calls, ctx);
  if (!lead.ok) return lead.error;
  const { leadId, tried } = lead.value;
  if (leadId === undefined) {
    const lookedFor = tried.map((c) => `${c.field} = ${c.value}`).join(' or ');
    return {
      outcome: 'rejected',
      code: 'LEAD_NOT_FOUND',
      reason: `No Marketo lead has ${lookedFor}, so the activity was not posted.`,
      hint: 'Send an identify for this person first, or set createLeadIfMissing to true in the destination settings.',
      plan: calls,
    };
  }

  const post = await ctx.client.postActivities([{ leadId, ...action.activity }]);
  if (post.ambiguousRetries.length > 0) {
    ctx.warnings.push(
      `The activity post was retried after ${[...new Set(post.ambiguousRetries)].join(', ')}: Marketo may have processed the earlier attempt, so the activity can appear twice on lead ${leadId}. Check the lead's activity log.`,
    );
  }
  if (!post.ok) return failed(post.error, calls, ctx);
  const record = post.value[0] as { id?: unknown; marketoGUID?: unknown } | undefined;
  const activityId = record?.marketoGUID ?? record?.id;
  return {
    outcome: 'delivered',
    reason: `Marketo added activity ${activityId === undefined ? '' : `${String(activityId)} `}(type ${action.activity.activityTypeId}) to lead ${leadId}.`,
    plan: calls,
  };
}
