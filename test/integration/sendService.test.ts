import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../electron/core/delivery/engine';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import {
  createSendService,
  newDeliveryId,
  type DeliveryRecorder,
} from '../../electron/core/send/sendService';
import { createTargetRegistry, sandboxTarget } from '../../electron/core/targets';
import type { DeliveryRecord, DeliverySummary } from '../../shared/history';
import { eventTemplates } from '../../shared/segment/templates';

/** The one send service over the real engine and a real sandbox; only the recorder is the test's. */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

function service(recorder: DeliveryRecorder | null) {
  const engine = createDeliveryEngine();
  const recorded: DeliverySummary[] = [];
  const problems: string[] = [];
  const sends = createSendService({
    engine,
    targets: createTargetRegistry([sandboxTarget(sandbox)]),
    recorder,
    onRecorded: (summary) => recorded.push(summary),
    onRecordFailed: (message) => problems.push(message),
  });
  return { sends, recorded, problems, close: () => engine.close() };
}

const track = () => JSON.parse(eventTemplates.track()) as unknown;

describe('send service', () => {
  it('stamps, records and announces a delivery; a dry run is returned but not recorded', async () => {
    const records: DeliveryRecord[] = [];
    const { sends, recorded, close } = service({ record: (r) => records.push(r) });
    const event = track();
    const sent = await sends.send({ event, targetId: 'sandbox', source: 'suite' });
    const dry = await sends.send({ event: track(), targetId: 'sandbox', source: 'suite', dryRun: true });
    close();
    if (!sent.ok || !dry.ok) throw new Error('send failed');
    expect(sent.value).toMatchObject({ outcome: 'delivered', source: 'suite', targetId: 'sandbox' });
    expect(Date.parse(sent.value.finishedAt)).toBeGreaterThanOrEqual(Date.parse(sent.value.startedAt));
    expect(records).toEqual([{ ...sent.value, event }]);
    expect(recorded).toEqual([
      expect.objectContaining({ id: sent.value.id, calls: sent.value.interactions.length }),
    ]);
    expect(dry.value.outcome).toBe('planned');
    expect(dry.value.id).not.toBe(sent.value.id);
  });

  it('an unknown target is an error and nothing is sent', async () => {
    const before = sandbox.stats().totalCalls;
    const { sends, close } = service(null);
    const sent = await sends.send({ event: track(), targetId: 'production', source: 'cli' });
    close();
    expect(sent).toEqual({ ok: false, error: 'There is no target "production". Pick one from the list.' });
    expect(sandbox.stats().totalCalls).toBe(before);
  });

  it('a recorder that throws does not lose the delivery; the problem is reported', async () => {
    const { sends, recorded, problems, close } = service({
      record: () => {
        throw new Error('disk full');
      },
    });
    const sent = await sends.send({ event: track(), targetId: 'sandbox', source: 'app' });
    close();
    expect(sent.ok && sent.value.outcome).toBe('delivered');
    expect(recorded).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/was not recorded in history: disk full/)]);
  });

  it('abortAll stops a send waiting on a slow Marketo', async () => {
    sandbox.faults.add({ kind: 'delay', delayMs: 5_000, count: 1 });
    const { sends, close } = service(null);
    const pending = sends.send({ event: track(), targetId: 'sandbox', source: 'app' });
    await new Promise((done) => setTimeout(done, 200));
    sends.abortAll();
    const sent = await pending;
    close();
    sandbox.faults.clear();
    expect(sent.ok && sent.value.outcome).toBe('failed');
  });

  it('ids sort by time as text and do not repeat', () => {
    const ids = [0, 1, 2_000_000_000_000].map((ms) => newDeliveryId(new Date(ms)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => newDeliveryId(new Date(5)))).size).toBe(1000);
  });
});
