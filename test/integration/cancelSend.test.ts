import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryEngine, type DeliveryEngine } from '../../electron/core/delivery/engine';
import type { Sleep } from '../../electron/core/marketo/client';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { createSendService, type SendService } from '../../electron/core/send/sendService';
import { createTargetRegistry, sandboxTarget } from '../../electron/core/targets';
import type { DeliveryRecord } from '../../shared/history';
import type { DeliveryResult, Interaction } from '../../shared/interaction';
import { DestinationSettingsSchema } from '../../shared/settings';
import { webinarTrack } from '../helpers/events';

/**
 * Cancel through the one send service, against the real sandbox over HTTP: what the outcome says
 * depends on whether anything may have reached Marketo, and the result is recorded either way.
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** A back-off that lasts until the send is cancelled: a slow retry the test can cancel inside. */
let backOffStarted: () => void = () => {};
const holdUntilAborted: Sleep = (_ms, signal) => {
  backOffStarted();
  return new Promise((_, fail) => {
    if (signal?.aborted) fail(signal.reason);
    signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
  });
};

let engine: DeliveryEngine;
let sends: SendService;
let records: DeliveryRecord[];
beforeEach(() => {
  sandbox.reset();
  records = [];
  engine = createDeliveryEngine({ sleep: holdUntilAborted });
  const settings = DestinationSettingsSchema.parse({
    ...sandbox.settings,
    readBack: { pollMs: 0, intervalMs: 0 },
  });
  sends = createSendService({
    engine,
    targets: createTargetRegistry([{ ...sandboxTarget(sandbox), settings }]),
    recorder: { record: (record) => records.push(record) },
  });
});
afterEach(() => {
  engine.close();
  sandbox.faults.clear();
});

async function sendAndCancel(
  event: unknown,
  cancelWhen: (controller: AbortController, interaction?: Interaction) => void | Promise<void>,
  extra: { verify?: boolean } = {},
): Promise<DeliveryResult> {
  const controller = new AbortController();
  const pending = sends.send({
    event,
    targetId: 'sandbox',
    source: 'app',
    signal: controller.signal,
    onInteraction: (interaction) => void cancelWhen(controller, interaction),
    ...extra,
  });
  await cancelWhen(controller);
  const sent = await pending;
  if (!sent.ok) throw new Error(sent.error);
  return sent.value;
}

/** Resolves once the engine is waiting in a back-off. */
const backOff = () => new Promise<void>((started) => (backOffStarted = started));

/** Resolves once the sandbox has taken the call the (count 1) fault was waiting for. */
const faultFired = () => expect.poll(() => sandbox.faults.list().length).toBe(0);

const steps = (result: DeliveryResult) => result.interactions.map((i) => i.step);

describe('cancelling a send', () => {
  it('during a back-off before the post: failed, CANCELLED, the calls so far kept, nothing stored', async () => {
    sandbox.faults.add({ kind: '502', scope: 'leads', count: 3 });
    const waiting = backOff();
    const result = await sendAndCancel(webinarTrack(), async (controller, interaction) => {
      if (interaction) return;
      await waiting;
      controller.abort();
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      code: 'CANCELLED',
      reason: 'Cancelled before anything was posted to Marketo.',
    });
    expect(steps(result)).toEqual(['token', 'lead-lookup']);
    expect(result.interactions[1]).toMatchObject({ response: { status: 502 } });
    expect(sandbox.activities()).toEqual([]);
    expect(records).toEqual([expect.objectContaining({ id: result.id, interactions: result.interactions })]);
  });

  it('after a post Marketo refused (606), before it is tried again: failed, CANCELLED, nothing stored', async () => {
    sandbox.faults.add({ kind: '606', scope: 'activities', count: 3 });
    const result = await sendAndCancel(webinarTrack(), (controller, interaction) => {
      if (interaction?.step === 'activity-post') controller.abort();
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      code: 'CANCELLED',
      reason:
        'Cancelled before the activity was stored in Marketo: the earlier tries in the lifecycle did not store it.',
    });
    expect(steps(result)).toEqual(['token', 'lead-lookup', 'activity-post']);
    expect(sandbox.activities()).toEqual([]);
  });

  it('while the post is held on the wire: uncertain, and the record says what to check in Marketo', async () => {
    // The sandbox stores the activity, then holds its answer back: cancelled after it landed.
    sandbox.faults.add({ kind: 'delay', scope: 'activities', count: 1, delayMs: 60_000 });
    const result = await sendAndCancel(webinarTrack(), async (controller, interaction) => {
      if (interaction) return;
      await faultFired();
      controller.abort();
    });
    expect(result).toMatchObject({ outcome: 'uncertain', code: 'CANCELLED' });
    expect(result.reason).toBe(
      'The send was cancelled while the activity post was in flight, so it is unknown whether Marketo stored it.',
    );
    const [stored] = sandbox.activities();
    expect(result.hint).toContain(`check lead ${stored!.leadId}'s activity log`);
    expect(result.hint).toContain('send again only if it is not there');
    // The cut-off exchange is in the lifecycle, with its error, not dropped.
    expect(result.interactions.at(-1)).toMatchObject({
      step: 'activity-post',
      response: null,
      error: { code: 'ABORTED' },
    });
    expect(records[0]).toMatchObject({
      id: result.id,
      outcome: 'uncertain',
      interactions: result.interactions,
    });
  });

  it('while reading back after a lost answer: uncertain, naming the lost answer and the cancel', async () => {
    sandbox.faults.add({ kind: 'store-reset', scope: 'activities', count: 1 });
    const result = await sendAndCancel(webinarTrack(), (controller, interaction) => {
      if (interaction?.step === 'activity-post') controller.abort();
    });
    expect(result).toMatchObject({ outcome: 'uncertain', code: 'CANCELLED' });
    expect(result.reason).toMatch(/^The activity post's answer was lost \(ECONNRESET /);
    expect(result.reason).toContain('The send was cancelled while reading Marketo back to check.');
    expect(result.hint).toMatch(/check lead \d+'s activity log/);
    expect(steps(result).filter((s) => s === 'activity-post')).toHaveLength(1);
  });

  it('after the post was confirmed: still delivered, the skipped verify said so', async () => {
    const result = await sendAndCancel(
      webinarTrack(),
      (controller, interaction) => {
        if (interaction?.step === 'activity-post') controller.abort();
      },
      { verify: true },
    );
    expect(result.outcome).toBe('delivered');
    expect(result.warnings).toContain('Verify: the send was cancelled before Marketo was read back.');
    expect(sandbox.activities()).toHaveLength(1);
  });

  it('an identify cut off on the wire is uncertain, and says re-sending is safe', async () => {
    sandbox.faults.add({ kind: 'delay', scope: 'leads', count: 1, delayMs: 60_000 });
    const identify = { type: 'identify', userId: 'cancel-1', traits: { email: 'cancel@example.com' } };
    const result = await sendAndCancel(identify, async (controller, interaction) => {
      if (interaction) return;
      await faultFired();
      controller.abort();
    });
    expect(result).toMatchObject({ outcome: 'uncertain', code: 'CANCELLED' });
    expect(result.reason).toContain('cancelled while the lead upsert was in flight');
    expect(result.hint).toContain('email = cancel@example.com');
    expect(result.interactions.at(-1)).toMatchObject({ step: 'lead-upsert', error: { code: 'ABORTED' } });
  });

  it('cancelled before it starts: failed, CANCELLED, and no call is made', async () => {
    const before = sandbox.stats().totalCalls;
    const controller = new AbortController();
    controller.abort();
    const sent = await sends.send({
      event: webinarTrack(),
      targetId: 'sandbox',
      source: 'cli',
      signal: controller.signal,
    });
    expect(sent.ok && sent.value).toMatchObject({
      outcome: 'failed',
      code: 'CANCELLED',
      interactions: [],
    });
    expect(sandbox.stats().totalCalls).toBe(before);
  });
});
