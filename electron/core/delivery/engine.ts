/**
 * The delivery engine: validate, plan, then execute the plan through the Marketo client. It keeps
 * per-instance state (instances.ts), executes plans (execute.ts) and words outcomes (outcome.ts).
 * Hosts never call it directly: they go through the send service (core/send), which stamps,
 * records and announces each result.
 */
import type { CatalogActivityType } from '../../../shared/profiles';
import {
  callsToMake,
  type DeliveryReport,
  type Interaction,
  type PlannedCall,
} from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import type { CallType } from '../../../shared/segment/schemas';
import { checkSingleEvent } from '../../../shared/segment/validate';
import { DestinationSettingsSchema, type DestinationSettings } from '../../../shared/settings';
import type { CallLedger } from '../marketo/callLedger';
import {
  defaultSleep,
  MarketoClient,
  normalizeEndpoint,
  type CallResult,
  type MarketoTarget,
  type Sleep,
} from '../marketo/client';
import { TokenCache } from '../marketo/tokenCache';
import { SecretSet } from '../redact';
import { executeBatch, type BatchItem } from './batch';
import { executeAction, type ExecuteContext } from './execute';
import { createInstanceRegistry, type Instance } from './instances';
import {
  cancelledOutcome,
  engineBugReport,
  failedOutcome,
  invalidEventReport,
  type Executed,
} from './outcome';
import { planDelivery, type Plan } from './plan';
import { preflight } from './preflight';

export type { MarketoTarget } from '../marketo/client';

export interface DeliveryEngineOptions {
  /** Sliding-window length of the governor; Marketo's is 20 000 ms. Tests shrink it. */
  windowMs?: number;
  sleep?: Sleep;
  random?: () => number;
  now?: () => Date;
  /** How long a looked-up lead id is reused (default 1 hour). */
  leadCacheTtlMs?: number;
  /**
   * The call budget shared with every other event-tester process (the store's call_ledger);
   * without it the limits hold for this process only.
   */
  ledger?: CallLedger;
}

export interface DeliverOptions {
  dryRun?: boolean;
  /** Called with each Interaction as it completes (the lifecycle streams from this). */
  onInteraction?: (interaction: Interaction) => void;
  signal?: AbortSignal;
  /** The call type for a body without `type`. */
  impliedType?: CallType;
  /** After a delivered activity post, read it back and report what Marketo stored beside what was sent. */
  verify?: boolean;
  /** The instance's activity types as last loaded: mappings Marketo would refuse are rejected before sending. */
  activityTypes?: readonly CatalogActivityType[];
}

export interface HelperFailure {
  reason: string;
  hint: string;
  code: string;
}
export type HelperResult<T> = Result<T, HelperFailure> & { interactions: Interaction[] };

export interface DeliveryEngine {
  deliver(
    event: unknown,
    target: MarketoTarget,
    settings: DestinationSettings,
    options?: DeliverOptions,
  ): Promise<DeliveryReport>;
  /** Custom activity types (activities/external/types.json), to help fill in settings. */
  fetchActivityTypes(target: MarketoTarget, settings?: DestinationSettings): Promise<HelperResult<unknown[]>>;
  /** Lead fields (leads/describe2.json), to help fill in settings. */
  fetchLeadFields(target: MarketoTarget, settings?: DestinationSettings): Promise<HelperResult<unknown[]>>;
  /**
   * A client for calls outside any delivery (a profile's Test connection, Load from Marketo): on the
   * instance's governor, so in the shared call budget, and with its cached access tokens, as a
   * delivery's client is. Nothing it does is recorded.
   */
  helperClient(
    target: MarketoTarget,
    settings: DestinationSettings,
    options?: HelperClientOptions,
  ): MarketoClient;
  /**
   * Many events at once, batched (batch.ts): one report per item, in order; `onSettled` as each
   * event's result is known, for progress.
   */
  deliverBatch(
    items: readonly BatchItem[],
    target: MarketoTarget,
    settings: DestinationSettings,
    options?: BatchDeliverOptions,
  ): Promise<DeliveryReport[]>;
  /** Rejects calls still waiting for the governor and forgets tokens and leads. */
  close(): void;
}

export interface HelperClientOptions {
  signal?: AbortSignal;
}

export interface BatchDeliverOptions {
  signal?: AbortSignal;
  /** As DeliverOptions.activityTypes, for every event of the batch. */
  activityTypes?: readonly CatalogActivityType[];
  onSettled?: (index: number, report: DeliveryReport) => void;
}

/** "Dry run: 1 call planned, nothing sent; 3 skipped because the access token and the lead are cached." */
function dryRunReason(listed: readonly PlannedCall[]): string {
  const count = callsToMake(listed).length;
  const planned = `Dry run: ${count} call${count === 1 ? '' : 's'} planned, nothing sent`;
  const skipped = listed.filter((call) => call.skipped !== undefined);
  if (skipped.length === 0) return `${planned}.`;
  const token = skipped.some((call) => call.step === 'token');
  const lead = skipped.some((call) => call.step !== 'token');
  const cached =
    token && lead ? 'the access token and the lead are' : token ? 'the access token is' : 'the lead is';
  return `${planned}; ${skipped.length} skipped because ${cached} cached.`;
}

const DEFAULT_WINDOW_MS = 20_000;
const DEFAULT_LEAD_TTL_MS = 60 * 60 * 1000;

export function createDeliveryEngine(options: DeliveryEngineOptions = {}): DeliveryEngine {
  const now = options.now ?? (() => new Date());
  const registry = createInstanceRegistry({
    windowMs: options.windowMs ?? DEFAULT_WINDOW_MS,
    leadCacheTtlMs: options.leadCacheTtlMs ?? DEFAULT_LEAD_TTL_MS,
    now,
    ...(options.ledger ? { ledger: options.ledger } : {}),
  });
  // --- SECURITY: every secret and token this engine is given or issued, scrubbed by value from
  // every record of every delivery (a server may echo another delivery's token).
  const secrets = new SecretSet();
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  const clientFor = (
    target: MarketoTarget,
    settings: DestinationSettings,
    instance: Instance,
    deliverOptions: DeliverOptions,
  ) =>
    new MarketoClient({
      target,
      governor: instance.governor,
      tokens: registry.tokens,
      retry: settings.retry,
      timeoutMs: settings.timeoutMs,
      secrets,
      onInteraction: deliverOptions.onInteraction,
      signal: deliverOptions.signal,
      sleep,
      random,
    });

  async function deliver(
    event: unknown,
    target: MarketoTarget,
    settings: DestinationSettings,
    deliverOptions: DeliverOptions = {},
  ): Promise<DeliveryReport> {
    const dryRun = deliverOptions.dryRun === true;
    const impliedType = deliverOptions.impliedType;
    const check = checkSingleEvent(event, impliedType ? { impliedType } : {});
    const warnings = check.warnings.map((w) => `${w.path}: ${w.message}`);
    if (!check.valid || !check.event) return invalidEventReport(check.errors, dryRun, warnings);

    const endpoint = normalizeEndpoint(target.endpoint);
    const instance = registry.instanceFor(endpoint, settings);
    const validEvent = check.event;
    const tokenValidForMs = registry.tokens.validForMs(
      TokenCache.key(endpoint, target.clientId, target.clientSecret),
    );
    const makePlan = (useCache: boolean): Plan =>
      planDelivery(
        validEvent,
        settings,
        {
          ...(useCache
            ? {
                leadId: (field, value) => instance.leads.get(field, value),
                leadAgeMs: (field, value) => instance.leads.ageMs(field, value),
              }
            : {}),
          hasToken: tokenValidForMs !== undefined,
          ...(tokenValidForMs !== undefined ? { tokenValidForMs } : {}),
        },
        { now },
      );
    const planned = makePlan(true);
    warnings.push(...planned.warnings);
    const base = { dryRun, warnings, interactions: [] as Interaction[], plan: [] };
    const checked = preflight(planned, validEvent, settings, deliverOptions.activityTypes, base);
    if (!checked.ok) return checked.error;
    const plan = checked.value;
    if (dryRun) return { ...base, outcome: 'planned', reason: dryRunReason(plan.listed), plan: plan.listed };

    if (deliverOptions.signal?.aborted) return { ...base, ...cancelledOutcome(plan.calls, []) };
    const client = clientFor(target, settings, instance, deliverOptions);
    const ctx: ExecuteContext = {
      client,
      instance,
      warnings,
      now,
      verify: deliverOptions.verify === true,
      post: {
        retry: settings.retry,
        readBack: settings.readBack,
        sleep,
        random,
        now,
        ...(deliverOptions.signal ? { signal: deliverOptions.signal } : {}),
      },
    };
    try {
      let result: Executed = await executeAction(plan.action, plan.calls, ctx);
      // A cached lead id that Marketo no longer knows (merged or deleted): forget it, look it up again.
      const cachedLeadId = plan.action.type === 'activity' ? plan.action.leadId : undefined;
      if (cachedLeadId !== undefined && result.outcome === 'failed' && result.code === '1004') {
        const retryPlan = makePlan(false);
        if (retryPlan.kind === 'send' && retryPlan.action.type === 'activity') {
          for (const candidate of retryPlan.action.lookups)
            instance.leads.delete(candidate.field, candidate.value);
          warnings.push(
            `The cached lead id ${cachedLeadId} no longer exists in Marketo; looked the lead up again.`,
          );
          result = await executeAction(retryPlan.action, retryPlan.calls, ctx);
        }
      }
      // Cancelled before the event could reach Marketo (a cut-off post is uncertain, not this).
      if (result.outcome === 'failed' && result.code === 'ABORTED' && deliverOptions.signal?.aborted)
        result = cancelledOutcome(plan.calls, client.interactions);
      return { ...result, dryRun, warnings, interactions: [...client.interactions] };
    } catch (error) {
      return engineBugReport(error, [target.clientSecret, target.clientId, ...secrets.list()], {
        dryRun,
        plan: plan.calls,
        interactions: [...client.interactions],
        warnings,
      });
    }
  }

  const helperClient = (
    target: MarketoTarget,
    settings: DestinationSettings,
    helperOptions: HelperClientOptions = {},
  ): MarketoClient =>
    clientFor(target, settings, registry.instanceFor(normalizeEndpoint(target.endpoint), settings), {
      ...(helperOptions.signal ? { signal: helperOptions.signal } : {}),
    });

  async function helper(
    target: MarketoTarget,
    settings: DestinationSettings = DestinationSettingsSchema.parse({ formatVersion: 1 }),
    call: (client: MarketoClient) => Promise<CallResult<unknown[]>>,
  ): Promise<HelperResult<unknown[]>> {
    const client = helperClient(target, settings);
    const result = await call(client);
    const interactions = [...client.interactions];
    if (result.ok) return { ...ok(result.value), interactions };
    const {
      reason = '',
      hint = '',
      code = result.error.code,
    } = failedOutcome(result.error, [], interactions, now);
    return { ...err({ reason, hint, code }), interactions };
  }

  async function deliverBatch(
    items: readonly BatchItem[],
    target: MarketoTarget,
    settings: DestinationSettings,
    batchOptions: BatchDeliverOptions = {},
  ): Promise<DeliveryReport[]> {
    const endpoint = normalizeEndpoint(target.endpoint);
    const instance = registry.instanceFor(endpoint, settings);
    const signal = batchOptions.signal;
    // No lead ids at planning: each plan keeps its lookup candidates, which the waves need to see
    // who an event is about; the cache is consulted when the leads are resolved (batch.ts).
    const caches = {
      hasToken:
        registry.tokens.peek(TokenCache.key(endpoint, target.clientId, target.clientSecret)) !== undefined,
    };
    const activityTypes = batchOptions.activityTypes;
    const post = {
      retry: settings.retry,
      readBack: settings.readBack,
      sleep,
      random,
      now,
      ...(signal ? { signal } : {}),
    };
    const client = () => clientFor(target, settings, instance, signal ? { signal } : {});
    const ctx = {
      instance,
      client,
      post,
      now,
      ...(signal ? { signal } : {}),
      ...(activityTypes ? { activityTypes } : {}),
    };
    return executeBatch(items, settings, caches, ctx, batchOptions.onSettled);
  }

  return {
    deliver,
    deliverBatch,
    fetchActivityTypes: (target, settings) => helper(target, settings, (client) => client.getActivityTypes()),
    fetchLeadFields: (target, settings) => helper(target, settings, (client) => client.describeLeads()),
    helperClient,
    close: () => registry.close(),
  };
}
