/**
 * One record's status inside a batched write: Marketo answers the call as a whole, and each record
 * with `created`, `updated`, `added` or `skipped` plus its own reasons.
 */
import type { Interaction, InteractionStep } from '../../../shared/interaction';
import type { Pending } from './batchPlan';
import type { CallFailure, MarketoClient, RecordResult } from '../marketo/client';
import { classify, lookupCode } from '../marketo/errorCatalog';
import { firstError } from '../marketo/exchange';

export function isSkipped(record: RecordResult | undefined): boolean {
  if (!record) return true;
  const problems = record.reasons ?? record.errors;
  return (
    record.status === 'skipped' ||
    (record.status === undefined && Array.isArray(problems) && problems.length > 0)
  );
}

/** The failure of one skipped record (or a missing one), scrubbed like every server text. */
export function recordProblem(
  client: MarketoClient,
  record: RecordResult | undefined,
  step: InteractionStep,
): CallFailure {
  const problem = firstError(record?.reasons ?? record?.errors) ?? {
    code: 'UNKNOWN',
    message: record
      ? 'Marketo skipped the record without a reason'
      : 'Marketo returned no result for the record',
  };
  return {
    step,
    code: client.scrub(problem.code).slice(0, 100),
    message: client.scrub(problem.message),
    title: lookupCode(problem.code).title,
    classification: classify(problem.code),
    level: 'record',
    mayHaveProcessed: false,
  };
}

/** Marketo's cap for leads.json upserts, filterValues and activities/external.json. */
export const MAX_BATCH_RECORDS = 300;

/** Copies a call's exchanges into an event's lifecycle, marked with the event's record. */
export function markBatch(p: Pending, client: MarketoClient, records: number, index: number): void {
  for (const it of client.interactions)
    p.interactions.push(
      it.step === 'token' ? it : ({ ...it, batch: { records, index } } satisfies Interaction),
    );
}
