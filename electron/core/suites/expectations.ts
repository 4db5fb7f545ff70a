/**
 * A case's result against its expectation: what the delivery produced (outcome, code, this event's
 * own record status in the write it took part in, requests made, what Marketo stored) and, for
 * each expectation that does not hold, one sentence saying what was expected and what came.
 */
import type { DeliveryResult, Interaction } from '../../../shared/interaction';
import type { CaseActual } from '../../../shared/suiteRun';
import type { SuiteExpect } from '../../../shared/suites';

const WRITES = new Set<Interaction['step']>(['lead-upsert', 'activity-post']);

/** This event's record in the last write that was answered: its status and, when skipped, its code. */
function ownRecord(interactions: readonly Interaction[]): { status: string | null; code: string | null } {
  const write = interactions.findLast((i) => WRITES.has(i.step) && i.response !== null);
  const body = write?.response?.body as { result?: unknown } | undefined;
  const records = Array.isArray(body?.result) ? (body.result as unknown[]) : [];
  const record = records[write?.batch?.index ?? 0] as
    { status?: unknown; reasons?: { code?: unknown }[]; errors?: { code?: unknown }[] } | undefined;
  if (!record) return { status: null, code: null };
  const problem = (record.reasons ?? record.errors)?.[0];
  return {
    status: typeof record.status === 'string' ? record.status : problem ? 'skipped' : null,
    code: problem?.code === undefined ? null : String(problem.code),
  };
}

export function actualOf(result: DeliveryResult): CaseActual {
  const record = ownRecord(result.interactions);
  return {
    outcome: result.outcome,
    code: result.code ?? null,
    recordStatus: record.status,
    recordCode: record.code,
    requests: result.interactions.length,
    reason: result.reason ?? null,
  };
}

const same = (a: unknown, b: unknown) =>
  a === b || (a !== null && b !== null && typeof a !== 'object' && String(a) === String(b));

/** Every expectation that does not hold, in words; empty when the case passed. */
export function unmetExpectations(expect: SuiteExpect, actual: CaseActual, result: DeliveryResult): string[] {
  const out: string[] = [];
  if (actual.outcome !== expect.outcome)
    out.push(
      `expected ${expect.outcome}, got ${actual.outcome}${actual.code ? ` (${actual.code})` : ''}${actual.reason ? `: ${actual.reason}` : ''}`,
    );
  if (expect.code !== undefined && actual.code !== expect.code)
    out.push(`expected code ${expect.code}, got ${actual.code ?? 'none'}`);
  if (expect.recordStatus !== undefined && actual.recordStatus !== expect.recordStatus)
    out.push(
      `expected Marketo record status ${expect.recordStatus}, got ${actual.recordStatus ?? 'no record'}`,
    );
  if (expect.recordCode !== undefined && actual.recordCode !== expect.recordCode)
    out.push(`expected record code ${expect.recordCode}, got ${actual.recordCode ?? 'none'}`);
  if (expect.noRequest === true && actual.requests > 0)
    out.push(`expected no request to Marketo, but ${actual.requests} were made`);
  if (expect.noRequest === false && actual.requests === 0)
    out.push('expected requests to Marketo, none were made');
  if (expect.readBack) out.push(...readBackProblems(expect.readBack, result));
  return out;
}

function readBackProblems(expected: Record<string, unknown>, result: DeliveryResult): string[] {
  const readBack = result.readBack;
  if (!readBack?.found) return ['expected the stored activity to be read back, but Marketo did not list it'];
  const out: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    // An attribute by its apiName alone (`seats`) or as the read-back lists it (`attributes.seats`).
    const field = readBack.fields.find((f) => f.name === name || f.name === `attributes.${name}`);
    if (!field) out.push(`read back: Marketo stored no field ${name}`);
    else if (!same(field.stored, value))
      out.push(
        `read back: ${name} expected ${JSON.stringify(value)}, Marketo stored ${JSON.stringify(field.stored)}`,
      );
  }
  return out;
}
