/**
 * Batched delivery near Marketo's floor (reference/marketo-api.md §3-5): identifies as upserts of
 * up to 300 records per leads.json call; tracks (and mapped pages) with their leads looked up 300
 * filterValues at a time (lead ids cached across the run, one in-flight lookup per field and value)
 * and posted 300 activities at a time through the exactly-once post. Every record's result is
 * mapped back to its event; each event's lifecycle holds the batched calls it took part in, marked
 * with its own record.
 */
import type { CatalogActivityType } from '../../../shared/profiles';
import type { DeliveryReport } from '../../../shared/interaction';
import type { MarketoClient } from '../marketo/client';
import { postActivitiesExactlyOnce, type ExactlyOnceOptions } from './exactlyOnce';
import type { Instance } from './instances';
import { lookupPending, upsertCreateLeads } from './batchLeads';
import { intoWaves, chunks, planItem, type BatchItem, type Pending } from './batchPlan';
import { failedOutcome, leadNotFoundOutcome, uncertainOutcome, type Executed } from './outcome';
import type { PlanCaches } from './plan';
import type { DestinationSettings } from '../../../shared/settings';
import { isSkipped, markBatch, MAX_BATCH_RECORDS, recordProblem } from './batchRecords';
import type { ActivityRecord } from './readBack';

export type { BatchItem } from './batchPlan';

export interface BatchContext {
  instance: Instance;
  /** A fresh client per batched call, so its `interactions` are that call's alone. */
  client(): MarketoClient;
  post: ExactlyOnceOptions;
  now: () => Date;
  signal?: AbortSignal;
  /** The instance's activity types as last loaded, for the checks before sending (preflight.ts). */
  activityTypes?: readonly CatalogActivityType[];
}

interface Run extends BatchContext {
  settle(p: Pending, executed: Executed): void;
}

export async function executeBatch(
  items: readonly BatchItem[],
  settings: DestinationSettings,
  caches: PlanCaches,
  ctx: BatchContext,
  onSettled?: (index: number, report: DeliveryReport) => void,
): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = new Array<DeliveryReport>(items.length);
  const done = (index: number, report: DeliveryReport) => {
    reports[index] = report;
    onSettled?.(index, report);
  };
  const run: Run = {
    ...ctx,
    settle: (p, executed) =>
      done(p.index, { ...executed, dryRun: false, warnings: p.warnings, interactions: p.interactions }),
  };
  const pending: Pending[] = [];
  items.forEach((item, index) => {
    const planned = planItem(item, index, settings, caches, ctx.now, ctx.activityTypes);
    if ('settled' in planned) done(planned.index, planned.settled);
    else pending.push(planned.pending);
  });
  for (const wave of intoWaves(pending)) {
    if (ctx.signal?.aborted) {
      for (const p of wave) run.settle(p, cancelled(p));
      continue;
    }
    await runWave(wave, run);
  }
  return reports;
}

function cancelled(p: Pending): Executed {
  return {
    outcome: 'failed',
    code: 'ABORTED',
    reason: 'The run was cancelled before this event was sent.',
    hint: 'Run it again.',
    plan: p.plan,
  };
}

async function runWave(wave: Pending[], run: Run): Promise<void> {
  await upsertIdentifies(
    wave.filter((p) => p.action.type === 'upsert'),
    run,
  );
  let activities = wave.filter((p) => p.action.type === 'activity');
  // A lead id from the cache that Marketo no longer knows (merged, deleted): look it up once more.
  for (let pass = 1; pass <= 2 && activities.length > 0; pass++) {
    const resolved = await resolveLeads(activities, run);
    activities = await postActivities(resolved, run, pass === 1);
  }
}

async function upsertIdentifies(items: Pending[], run: Run): Promise<void> {
  const byField = new Map<string, Pending[]>();
  for (const p of items) {
    if (p.action.type !== 'upsert') continue;
    const list = byField.get(p.action.lookupField) ?? [];
    list.push(p);
    byField.set(p.action.lookupField, list);
  }
  const calls = [...byField].flatMap(([field, group]) =>
    chunks(group, MAX_BATCH_RECORDS).map(async (chunk) => {
      const client = run.client();
      const records = chunk.map((p) => (p.action.type === 'upsert' ? p.action.record : {}));
      const result = await client.upsertLeadsBatch(records, field);
      chunk.forEach((p, i) => markBatch(p, client, chunk.length, i));
      chunk.forEach((p, i) => {
        if (p.action.type !== 'upsert') return;
        if (!result.ok) return run.settle(p, failedOutcome(result.error, p.plan, p.interactions, run.now));
        const record = result.value[i];
        if (isSkipped(record))
          return run.settle(
            p,
            failedOutcome(recordProblem(client, record, 'lead-upsert'), p.plan, p.interactions, run.now),
          );
        const { candidate } = p.action;
        if (typeof record?.id === 'number')
          run.instance.leads.set(candidate.field, candidate.value, record.id);
        run.settle(p, {
          outcome: 'delivered',
          reason: `Marketo ${record?.status ?? 'accepted'} lead ${record?.id ?? '(no id returned)'} (matched on ${field}; record ${i + 1} of ${chunk.length} in one upsert).`,
          plan: p.plan,
        });
      });
    }),
  );
  await Promise.all(calls);
}

/** Lead ids for the activities: the cache, else one upsert per person (createLeadIfMissing), else lookups. */
async function resolveLeads(items: Pending[], run: Run): Promise<Pending[]> {
  for (const p of items) {
    if (p.leadId !== undefined || p.action.type !== 'activity') continue;
    for (const c of p.action.lookups) {
      const id = run.instance.leads.get(c.field, c.value);
      if (id !== undefined) {
        p.leadId = id;
        p.fromCache = true;
        break;
      }
    }
  }
  const open = (p: Pending) => p.leadId === undefined && p.action.type === 'activity';
  await upsertCreateLeads(
    items.filter((p) => open(p) && p.action.type === 'activity' && p.action.createLead !== undefined),
    run,
  );
  await lookupPending(
    items.filter((p) => open(p) && p.action.type === 'activity' && p.action.createLead === undefined),
    run,
  );
  const resolved: Pending[] = [];
  for (const p of items) {
    if (p.leadId !== undefined) resolved.push(p);
    else if (!p.settledByLeads) run.settle(p, leadNotFound(p));
  }
  return resolved;
}

function leadNotFound(p: Pending): Executed {
  return leadNotFoundOutcome(p.action.type === 'activity' ? p.action.lookups : [], p.plan);
}

/** Posts in slices of 300; returns the events to look up again (cached lead id gone, 1004). */
async function postActivities(items: Pending[], run: Run, mayRetry: boolean): Promise<Pending[]> {
  const again: Pending[] = [];
  const calls = chunks(items, MAX_BATCH_RECORDS).map(async (chunk) => {
    const client = run.client();
    const records: ActivityRecord[] = chunk.map((p) => ({
      leadId: p.leadId!,
      ...(p.action.type === 'activity' ? p.action.activity : ({} as never)),
    }));
    const outcomes = await postActivitiesExactlyOnce(client, records, run.post);
    chunk.forEach((p, i) => {
      markBatch(p, client, chunk.length, i);
      const outcome = outcomes[i]!;
      const record = records[i]!;
      if (outcome.status === 'failed') {
        if (mayRetry && p.fromCache && outcome.failure.code === '1004' && p.action.type === 'activity') {
          for (const c of p.action.lookups) run.instance.leads.delete(c.field, c.value);
          p.warnings.push(
            `The cached lead id ${p.leadId} no longer exists in Marketo; looked the lead up again.`,
          );
          p.leadId = undefined;
          p.fromCache = false;
          p.candidate = 0;
          again.push(p);
          return;
        }
        return run.settle(p, failedOutcome(outcome.failure, p.plan, p.interactions, run.now));
      }
      if (outcome.status === 'uncertain')
        return run.settle(
          p,
          uncertainOutcome(outcome.failure, outcome.why, record, p.plan, outcome.cancelled === true),
        );
      const id = outcome.activityId === undefined ? '' : `${outcome.activityId} `;
      const confirmed = outcome.confirmedAfter
        ? ` Confirmed by reading Marketo back: the post's answer was lost (${outcome.confirmedAfter}), but the activity is stored, so it was not sent again.`
        : '';
      run.settle(p, {
        outcome: 'delivered',
        reason: `Marketo added activity ${id}(type ${record.activityTypeId}) to lead ${record.leadId} (record ${i + 1} of ${chunk.length} in one post).${confirmed}`,
        plan: p.plan,
      });
    });
  });
  await Promise.all(calls);
  return again;
}
