/**
 * The one send service. Electron's handlers, `event-tester ui`, the CLI and (later) the suite runner
 * and the collector all deliver through `send`: resolve the target, let the engine validate and
 * deliver, stamp the result (id, times, source, target), record it, and tell observers.
 */
import { randomBytes } from 'node:crypto';
import { summarizeDelivery, type DeliveryRecord, type DeliverySummary } from '../../../shared/history';
import type {
  DeliveryReport,
  DeliveryResult,
  DeliverySource,
  Interaction,
} from '../../../shared/interaction';
import { err, ok, type Result } from '../../../shared/result';
import type { CallType } from '../../../shared/segment/schemas';
import type { DestinationSettings } from '../../../shared/settings';
import type { DeliveryEngine } from '../delivery/engine';
import type { TargetRegistry } from '../targets';

export interface SendRequest {
  event: unknown;
  targetId: string;
  source: DeliverySource;
  dryRun?: boolean;
  /** After delivering an activity, read it back and report what Marketo stored beside what was sent. */
  verify?: boolean;
  /** The call type for a body without `type` (as posted to /v1/<call>). */
  impliedType?: CallType;
  /** Settings to use instead of the target's own (the CLI's `--settings`). */
  settings?: DestinationSettings;
  /** Cancels the send; its result still comes back and is recorded (see `abortAll`). */
  signal?: AbortSignal;
  onInteraction?: (interaction: Interaction) => void;
}

/** Many events through the batched path (delivery/batch.ts): suite runs, `send` of a batch or NDJSON. */
export interface BatchSendRequest {
  events: readonly { event: unknown; impliedType?: CallType }[];
  targetId: string;
  source: DeliverySource;
  settings?: DestinationSettings;
  signal?: AbortSignal;
  /** Each event's result as soon as it is known (and recorded), for progress. */
  onResult?: (index: number, result: DeliveryResult) => void;
}

/** Where results are kept; the store's delivery table in practice. */
export interface DeliveryRecorder {
  record(record: DeliveryRecord): void;
}

export interface SendServiceOptions {
  engine: DeliveryEngine;
  targets: TargetRegistry;
  /** null: nothing is recorded (`--no-record`, or the store could not open). */
  recorder: DeliveryRecorder | null;
  onRecorded?: (summary: DeliverySummary) => void;
  /** A result that could not be recorded (disk full, ...); the delivery itself stands. */
  onRecordFailed?: (message: string) => void;
  now?: () => Date;
}

export interface SendService {
  /** An error only when the request cannot start (unknown target); every delivery outcome is a value. */
  send(request: SendRequest): Promise<Result<DeliveryResult>>;
  /** Many events batched: one result per event, in order, each stamped and recorded like `send`'s. */
  sendBatch(request: BatchSendRequest): Promise<Result<DeliveryResult[]>>;
  /**
   * Aborts sends in flight. Each still returns (and records) its result: failed with CANCELLED if
   * nothing of it reached Marketo, uncertain if its post was cut off on the wire, else as it was.
   */
  abortAll(): void;
}

export function createSendService(options: SendServiceOptions): SendService {
  const now = options.now ?? (() => new Date());
  const inFlight = new Set<AbortController>();

  function record(result: DeliveryResult, event: unknown): void {
    if (!options.recorder || result.dryRun) return;
    const full: DeliveryRecord = { ...result, event };
    try {
      options.recorder.record(full);
    } catch (error) {
      options.onRecordFailed?.(
        `Delivery ${result.id} was not recorded in history: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    options.onRecorded?.(summarizeDelivery(full));
  }

  /**
   * A send's own abort signal: aborted by its caller's signal or by abortAll, and known to abortAll
   * until it lands.
   */
  function takeOff(callerSignal: AbortSignal | undefined): { signal: AbortSignal; land(): void } {
    const controller = new AbortController();
    const abortFromCaller = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    callerSignal?.addEventListener('abort', abortFromCaller, { once: true });
    inFlight.add(controller);
    return {
      signal: controller.signal,
      land() {
        inFlight.delete(controller);
        callerSignal?.removeEventListener('abort', abortFromCaller);
      },
    };
  }

  /** The engine's report with the service's stamps: id, times, source and target. */
  function stamp(
    report: DeliveryReport,
    startedAt: string,
    request: { source: DeliveryResult['source']; targetId: string },
  ): DeliveryResult {
    return {
      id: newDeliveryId(now()),
      startedAt,
      finishedAt: now().toISOString(),
      source: request.source,
      targetId: request.targetId,
      ...report,
    };
  }

  async function send(request: SendRequest): Promise<Result<DeliveryResult>> {
    const target = options.targets.get(request.targetId);
    if (!target.ok) return err(target.error);
    const { endpoint, credentials, settings, activityTypes } = target.value;
    const flight = takeOff(request.signal);
    const startedAt = now().toISOString();
    try {
      const report = await options.engine.deliver(
        request.event,
        { endpoint, ...credentials },
        request.settings ?? settings,
        {
          dryRun: request.dryRun === true,
          verify: request.verify === true,
          signal: flight.signal,
          ...(activityTypes ? { activityTypes } : {}),
          onInteraction: request.onInteraction,
          ...(request.impliedType ? { impliedType: request.impliedType } : {}),
        },
      );
      const result = stamp(report, startedAt, request);
      record(result, request.event);
      return ok(result);
    } finally {
      flight.land();
    }
  }

  async function sendBatch(request: BatchSendRequest): Promise<Result<DeliveryResult[]>> {
    const target = options.targets.get(request.targetId);
    if (!target.ok) return err(target.error);
    const { endpoint, credentials, settings, activityTypes } = target.value;
    const flight = takeOff(request.signal);
    const startedAt = now().toISOString();
    const results: DeliveryResult[] = [];
    try {
      await options.engine.deliverBatch(
        request.events,
        { endpoint, ...credentials },
        request.settings ?? settings,
        {
          signal: flight.signal,
          ...(activityTypes ? { activityTypes } : {}),
          onSettled: (index, report) => {
            const result = stamp(report, startedAt, request);
            results[index] = result;
            record(result, request.events[index]?.event);
            request.onResult?.(index, result);
          },
        },
      );
      return ok(results);
    } finally {
      flight.land();
    }
  }

  return {
    send,
    sendBatch,
    abortAll() {
      for (const controller of inFlight) controller.abort();
    },
  };
}

/** Sortable by time as text (base-36 milliseconds, fixed width), unique by 80 random bits. */
export function newDeliveryId(at: Date): string {
  return `${at.getTime().toString(36).padStart(9, '0')}-${randomBytes(10).toString('hex')}`;
}
