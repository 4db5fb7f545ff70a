/**
 * Exactly-once activity posts. A custom activity post has no idempotency key, so a post whose
 * answer was lost (timeout, reset, 502, 604, 611) may or may not have been stored: re-sending it
 * blind can store it twice. Here such a post is never re-sent until a read-back shows the record
 * did not land; a record found is delivered (confirmed by read-back); one still unknown when the
 * retry budget is spent is `uncertain`. Works per record, so a batch of up to 300 records settles
 * each record on its own.
 */
import type { DestinationSettings } from '../../../shared/settings';
import {
  backoffDelay,
  type CallFailure,
  type MarketoClient,
  type RecordResult,
  type Sleep,
  type StoredActivity,
} from '../marketo/client';
import { firstError } from '../marketo/exchange';
import { classify, lookupCode } from '../marketo/errorCatalog';
import { findPosted, readBackSince, type ActivityRecord } from './readBack';

/** Marketo's batch limit for activities/external.json. */
export const MAX_ACTIVITIES_PER_POST = 300;

export type RecordOutcome =
  | {
      status: 'added';
      activityId: string | undefined;
      /** Found by reading Marketo back after the post's answer was lost (with that answer's code). */
      confirmedAfter?: string;
      stored?: StoredActivity;
    }
  | { status: 'failed'; failure: CallFailure }
  | {
      status: 'uncertain';
      failure: CallFailure;
      why: string;
      /** The send was cancelled before the post was settled (outcome.ts words it so). */
      cancelled?: true;
    };

export interface ExactlyOnceOptions {
  retry: DestinationSettings['retry'];
  readBack: { pollMs: number; intervalMs: number };
  sleep: Sleep;
  random: () => number;
  now: () => Date;
  signal?: AbortSignal;
}

/** Posts `records` (at most 300) so that none is stored twice; one outcome per record, in order. */
export async function postActivitiesExactlyOnce(
  client: MarketoClient,
  records: readonly ActivityRecord[],
  options: ExactlyOnceOptions,
): Promise<RecordOutcome[]> {
  if (records.length > MAX_ACTIVITIES_PER_POST) {
    throw new RangeError(`At most ${MAX_ACTIVITIES_PER_POST} activities per post, got ${records.length}`);
  }
  const since = readBackSince(records, options.now());
  const outcomes: (RecordOutcome | undefined)[] = records.map(() => undefined);
  let pending = records.map((_, index) => index);
  for (let round = 1; pending.length > 0; round++) {
    const lastAttempt = client.interactions.findLast((i) => i.step === 'activity-post')?.attempt ?? 0;
    const post = await client.postActivities(
      pending.map((i) => ({ ...records[i]! })),
      round === 1 ? 1 : lastAttempt + 1,
    );
    if (post.ok) {
      pending.forEach((index, position) => (outcomes[index] = recordOutcome(client, post.value[position])));
      break;
    }
    const failure = post.error;
    if (failure.code === 'ABORTED') {
      // Cancelled: nothing more is sent, not even a read-back. Cut off on the wire, the post may
      // have been stored; cancelled before it left (rate-limit queue, token), it was not.
      for (const index of pending)
        outcomes[index] = failure.mayHaveProcessed
          ? {
              status: 'uncertain',
              failure,
              why: 'It was cancelled while the post was in flight.',
              cancelled: true,
            }
          : { status: 'failed', failure };
      break;
    }
    if (!failure.mayHaveProcessed) {
      for (const index of pending) outcomes[index] = { status: 'failed', failure };
      break;
    }
    // Unknown: look before anything is sent again.
    const found = await findPosted(
      client,
      pending.map((i) => records[i]!),
      since,
      {
        ...options.readBack,
        sleep: options.sleep,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    if (!found.ok) {
      const cancelled = found.error.code === 'ABORTED';
      const why = cancelled
        ? 'The send was cancelled while reading Marketo back to check.'
        : `Reading Marketo back to check failed too (${found.error.code} ${found.error.title}).`;
      for (const index of pending)
        outcomes[index] = { status: 'uncertain', failure, why, ...(cancelled ? { cancelled: true } : {}) };
      break;
    }
    const stillMissing: number[] = [];
    pending.forEach((index, position) => {
      const stored = found.value.get(position);
      if (stored)
        outcomes[index] = {
          status: 'added',
          activityId: idOf(client, stored),
          confirmedAfter: failure.code,
          stored,
        };
      else stillMissing.push(index);
    });
    pending = stillMissing;
    if (pending.length === 0) break;
    if (round >= options.retry.maxAttempts) {
      const why = `After ${round} attempts Marketo's answer was lost each time, and reading back did not find the activity.`;
      for (const index of pending) outcomes[index] = { status: 'uncertain', failure, why };
      break;
    }
    try {
      await options.sleep(backoffDelay(round, options.retry, options.random), options.signal);
    } catch {
      for (const index of pending)
        outcomes[index] = {
          status: 'uncertain',
          failure,
          why: 'Reading back did not find it yet, and the send was cancelled before posting again.',
          cancelled: true,
        };
      break;
    }
  }
  return outcomes.map((o) => o ?? { status: 'uncertain', failure: abortedFailure(), why: 'Not settled.' });
}

/** --- SECURITY: the id comes from the server's unredacted answer and ends up in the reason. */
function idOf(
  client: MarketoClient,
  record: { id?: unknown; marketoGUID?: unknown } | undefined,
): string | undefined {
  const id = record?.marketoGUID ?? record?.id;
  return id === undefined || id === null ? undefined : client.scrub(String(id));
}

/** One record's status in a post Marketo answered: added, or skipped with its own code. */
function recordOutcome(client: MarketoClient, result: RecordResult | undefined): RecordOutcome {
  if (result && result.status !== 'skipped' && !hasProblems(result)) {
    return { status: 'added', activityId: idOf(client, result) };
  }
  const problem = firstError(result?.errors ?? result?.reasons) ?? {
    code: 'UNKNOWN',
    message: result
      ? 'Marketo skipped the record without a reason'
      : 'Marketo returned no result for the record',
  };
  const entry = lookupCode(problem.code);
  return {
    status: 'failed',
    failure: {
      step: 'activity-post',
      code: client.scrub(problem.code),
      message: client.scrub(problem.message),
      title: entry.title,
      classification: classify(problem.code),
      level: 'record',
      mayHaveProcessed: false,
    },
  };
}

function hasProblems(result: RecordResult): boolean {
  const problems = result.errors ?? result.reasons;
  return result.status === undefined && Array.isArray(problems) && problems.length > 0;
}

function abortedFailure(): CallFailure {
  return {
    step: 'activity-post',
    code: 'ABORTED',
    message: 'The send was cancelled',
    title: 'Cancelled',
    classification: classify('ABORTED'),
    level: 'request',
    mayHaveProcessed: false,
  };
}
