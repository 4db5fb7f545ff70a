/**
 * The delivery engine: validate, plan, then execute the plan through the Marketo client. One
 * engine keeps, per Marketo instance (endpoint), the call governor and the lead cache, and the
 * access tokens per (endpoint, client id). The app's main process, the CLI and the tests all use
 * this same code (design.md, "One pipeline").
 */
import type { DeliveryResult, Interaction, PlannedCall } from '../../../shared/interaction';
import type { CallType } from '../../../shared/segment/schemas';
import { checkSingleEvent } from '../../../shared/segment/validate';
import { DestinationSettingsSchema, type DestinationSettings } from '../../../shared/settings';
import {
  MarketoClient,
  normalizeEndpoint,
  type CallFailure,
  type CallResult,
  type MarketoTarget,
  type Sleep,
} from '../marketo/client';
import { quotaResetNote } from '../marketo/errorCatalog';
import { Governor } from '../marketo/governor';
import { TokenCache } from '../marketo/tokenCache';
import { redactText } from '../redact';
import { LeadCache } from './leadCache';
import { planDelivery, type LookupCandidate, type Plan, type PlannedAction } from './plan';

export type { MarketoTarget } from '../marketo/client';

export interface DeliveryEngineOptions {
  /** Sliding-window length of the governor; Marketo's is 20 000 ms. Tests shrink it. */
  windowMs?: number;
  sleep?: Sleep;
  random?: () => number;
  now?: () => Date;
  /** How long a looked-up lead id is reused (default 1 hour). */
  leadCacheTtlMs?: number;
}

export interface DeliverOptions {
  dryRun?: boolean;
  /** Called with each Interaction as it completes (the lifecycle streams from this). */
  onInteraction?: (interaction: Interaction) => void;
  signal?: AbortSignal;
  /** The call type for a body without `type`. */
  impliedType?: CallType;
}

export type HelperResult<T> =
  | { ok: true; value: T; interactions: Interaction[] }
  | { ok: false; reason: string; hint: string; code: string; interactions: Interaction[] };

export interface DeliveryEngine {
  deliver(
    event: unknown,
    target: MarketoTarget,
    settings: DestinationSettings,
    options?: DeliverOptions,
  ): Promise<DeliveryResult>;
  /** Custom activity types (activities/external/types.json), to help fill in settings. */
  fetchActivityTypes(target: MarketoTarget, settings?: DestinationSettings): Promise<HelperResult<unknown[]>>;
  /** Lead fields (leads/describe2.json), to help fill in settings. */
  fetchLeadFields(target: MarketoTarget, settings?: DestinationSettings): Promise<HelperResult<unknown[]>>;
  /** Rejects calls still waiting for the governor and forgets tokens and leads. */
  close(): void;
}

const DEFAULT_WINDOW_MS = 20_000;
const DEFAULT_LEAD_TTL_MS = 60 * 60 * 1000;

const STEP_LABEL: Record<CallFailure['step'], string> = {
  token: 'The access token request',
  'lead-lookup': 'The lead lookup',
  'lead-upsert': 'The lead upsert',
  'activity-post': 'The activity post',
  describe: 'The lead field description',
  'activity-types': 'The activity type list',
};

interface Instance {
  governor: Governor;
  leads: LeadCache;
}

export function createDeliveryEngine(options: DeliveryEngineOptions = {}): DeliveryEngine {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const now = options.now ?? (() => new Date());
  const tokens = new TokenCache(() => now().getTime());
  const instances = new Map<string, Instance>();

  function instanceFor(endpoint: string, settings: DestinationSettings): Instance {
    const limits = {
      maxCalls: settings.limits.callsPer20s,
      maxInFlight: settings.limits.maxInFlight,
      windowMs,
    };
    let instance = instances.get(endpoint);
    if (!instance) {
      instance = {
        governor: new Governor(limits),
        leads: new LeadCache(options.leadCacheTtlMs ?? DEFAULT_LEAD_TTL_MS, () => now().getTime()),
      };
      instances.set(endpoint, instance);
    } else {
      const current = instance.governor.getLimits();
      if (current.maxCalls !== limits.maxCalls || current.maxInFlight !== limits.maxInFlight) {
        instance.governor.setLimits(limits);
      }
    }
    return instance;
  }

  function clientFor(
    target: MarketoTarget,
    settings: DestinationSettings,
    instance: Instance,
    deliverOptions: DeliverOptions,
  ): MarketoClient {
    return new MarketoClient({
      target,
      governor: instance.governor,
      tokens,
      retry: settings.retry,
      timeoutMs: settings.timeoutMs,
      onInteraction: deliverOptions.onInteraction,
      signal: deliverOptions.signal,
      sleep: options.sleep,
      random: options.random,
    });
  }

  async function deliver(
    event: unknown,
    target: MarketoTarget,
    settings: DestinationSettings,
    deliverOptions: DeliverOptions = {},
  ): Promise<DeliveryResult> {
    const dryRun = deliverOptions.dryRun === true;
    const check = checkSingleEvent(
      event,
      deliverOptions.impliedType ? { impliedType: deliverOptions.impliedType } : {},
    );
    const warnings = check.warnings.map((w) => `${w.path}: ${w.message}`);
    if (!check.valid || !check.event) {
      return {
        outcome: 'rejected',
        code: 'INVALID_EVENT',
        reason: `The event is not valid: ${check.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        hint: 'Fix the event where each problem is located, then send it again.',
        dryRun,
        plan: [],
        interactions: [],
        warnings,
      };
    }

    const endpoint = normalizeEndpoint(target.endpoint);
    const instance = instanceFor(endpoint, settings);
    const validEvent = check.event;
    const makePlan = (useCache: boolean) =>
      planDelivery(
        validEvent,
        settings,
        {
          leadId: useCache ? (field, value) => instance.leads.get(field, value) : undefined,
          hasToken: tokens.peek(TokenCache.key(endpoint, target.clientId)) !== undefined,
        },
        { now },
      );
    const plan = makePlan(true);
    warnings.push(...plan.warnings);
    const base = { dryRun, warnings, interactions: [] as Interaction[] };
    if (plan.kind === 'reject') {
      return {
        ...base,
        outcome: 'rejected',
        reason: plan.reason,
        hint: plan.hint,
        code: plan.code,
        plan: [],
      };
    }
    if (plan.kind === 'skip') return { ...base, outcome: 'skipped', reason: plan.reason, plan: [] };
    if (dryRun) {
      return {
        ...base,
        outcome: 'planned',
        reason: `Dry run: ${plan.calls.length} call${plan.calls.length === 1 ? '' : 's'} planned, nothing sent.`,
        plan: plan.calls,
      };
    }

    const client = clientFor(target, settings, instance, deliverOptions);
    const secrets = [target.clientSecret, target.clientId];
    try {
      let result = await execute(plan.action, plan.calls, client, instance, warnings);
      // A cached lead id that Marketo no longer knows (merged or deleted): forget it, look it up again.
      if (
        plan.action.type === 'activity' &&
        plan.action.leadId !== undefined &&
        result.outcome === 'failed' &&
        result.code === '1004'
      ) {
        const retryPlan = makePlan(false);
        if (retryPlan.kind === 'send' && retryPlan.action.type === 'activity') {
          for (const candidate of retryPlan.action.lookups)
            instance.leads.delete(candidate.field, candidate.value);
          warnings.push(
            `The cached lead id ${plan.action.leadId} no longer exists in Marketo; looked the lead up again.`,
          );
          result = await execute(retryPlan.action, retryPlan.calls, client, instance, warnings);
        }
      }
      return { ...result, dryRun, warnings, interactions: [...client.interactions] };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        outcome: 'failed',
        code: 'INTERNAL',
        reason: `The engine failed unexpectedly: ${redactText(message, secrets)}`,
        hint: 'This is a bug in the app: please report it with the lifecycle.',
        dryRun,
        plan: plan.calls,
        interactions: [...client.interactions],
        warnings,
      };
    }
  }

  type Executed = Pick<DeliveryResult, 'outcome' | 'reason' | 'hint' | 'code' | 'plan'>;

  function failed(failure: CallFailure, calls: PlannedCall[], client: MarketoClient): Executed {
    const attempts = client.interactions.filter((i) => i.step === failure.step).at(-1)?.attempt ?? 1;
    const detail =
      failure.message && !failure.message.startsWith(failure.code) ? ` (${failure.message})` : '';
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

  async function execute(
    action: PlannedAction,
    calls: PlannedCall[],
    client: MarketoClient,
    instance: Instance,
    warnings: string[],
  ): Promise<Executed> {
    if (action.type === 'upsert') {
      const upsert = await client.upsertLeads([action.record], action.lookupField);
      if (!upsert.ok) return failed(upsert.failure, calls, client);
      const record = upsert.value[0];
      if (typeof record?.id === 'number')
        instance.leads.set(action.candidate.field, action.candidate.value, record.id);
      return {
        outcome: 'delivered',
        reason: `Marketo ${record?.status ?? 'accepted'} lead ${record?.id ?? '(no id returned)'} (matched on ${action.lookupField}).`,
        plan: calls,
      };
    }

    let leadId = action.leadId;
    const tried: LookupCandidate[] = [];
    for (const candidate of leadId === undefined ? action.lookups : []) {
      tried.push(candidate);
      const lookup = await client.lookupLeads(candidate.field, [candidate.value]);
      if (!lookup.ok) return failed(lookup.failure, calls, client);
      const [lead, ...others] = lookup.value;
      if (lead && typeof lead.id === 'number') {
        if (others.length > 0) {
          warnings.push(
            `${others.length + 1} leads match ${candidate.field} = ${candidate.value}; using the first (id ${lead.id}). Merge the duplicates in Marketo.`,
          );
        }
        leadId = lead.id;
        instance.leads.set(candidate.field, candidate.value, lead.id);
        break;
      }
    }
    if (leadId === undefined && action.createLead) {
      const created = await client.upsertLeads([action.createLead.record], action.createLead.lookupField);
      if (!created.ok) return failed(created.failure, calls, client);
      const id = created.value[0]?.id;
      if (typeof id === 'number') {
        leadId = id;
        const first = action.lookups[0];
        if (first) instance.leads.set(first.field, first.value, id);
        warnings.push(`No lead was found, so lead ${id} was created (createLeadIfMissing).`);
      }
    }
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

    const post: CallResult<unknown[]> = await client.postActivities([{ leadId, ...action.activity }]);
    if (post.ambiguousRetries.length > 0) {
      warnings.push(
        `The activity post was retried after ${[...new Set(post.ambiguousRetries)].join(', ')}: Marketo may have processed the earlier attempt, so the activity can appear twice on lead ${leadId}. Check the lead's activity log.`,
      );
    }
    if (!post.ok) return failed(post.failure, calls, client);
    const record = post.value[0] as { id?: unknown; marketoGUID?: unknown } | undefined;
    const activityId = record?.marketoGUID ?? record?.id;
    return {
      outcome: 'delivered',
      reason: `Marketo added activity ${activityId === undefined ? '' : `${String(activityId)} `}(type ${action.activity.activityTypeId}) to lead ${leadId}.`,
      plan: calls,
    };
  }

  async function helper(
    target: MarketoTarget,
    settings: DestinationSettings = DestinationSettingsSchema.parse({ formatVersion: 1 }),
    call: (client: MarketoClient) => Promise<CallResult<unknown[]>>,
  ): Promise<HelperResult<unknown[]>> {
    const endpoint = normalizeEndpoint(target.endpoint);
    const client = clientFor(target, settings, instanceFor(endpoint, settings), {});
    const result = await call(client);
    if (result.ok) return { ok: true, value: result.value, interactions: [...client.interactions] };
    const { reason, hint, code } = failed(result.failure, [], client);
    return {
      ok: false,
      reason: reason ?? '',
      hint: hint ?? '',
      code: code ?? result.failure.code,
      interactions: [...client.interactions],
    };
  }

  return {
    deliver,
    fetchActivityTypes: (target, settings) => helper(target, settings, (client) => client.getActivityTypes()),
    fetchLeadFields: (target, settings) => helper(target, settings, (client) => client.describeLeads()),
    close() {
      for (const instance of instances.values()) {
        instance.governor.close();
        instance.leads.clear();
      }
      instances.clear();
      tokens.clear();
    },
  };
}

let defaultEngine: DeliveryEngine | undefined;

/** The process-wide engine, so every caller shares one governor per Marketo instance. */
export function getDefaultEngine(): DeliveryEngine {
  defaultEngine ??= createDeliveryEngine();
  return defaultEngine;
}

export function deliver(
  event: unknown,
  target: MarketoTarget,
  settings: DestinationSettings,
  options?: DeliverOptions,
): Promise<DeliveryResult> {
  return getDefaultEngine().deliver(event, target, settings, options);
}

export function fetchActivityTypes(target: MarketoTarget, settings?: DestinationSettings) {
  return getDefaultEngine().fetchActivityTypes(target, settings);
}

export function fetchLeadFields(target: MarketoTarget, settings?: DestinationSettings) {
  return getDefaultEngine().fetchLeadFields(target, settings);
}

export type { Plan };
