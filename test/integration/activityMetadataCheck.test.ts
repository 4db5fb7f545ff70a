import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryEngine, type DeliveryEngine } from '../../electron/core/delivery/engine';
import { toActivityTypes } from '../../electron/core/profiles/catalogCache';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { createSendService, type SendService } from '../../electron/core/send/sendService';
import { createTargetRegistry, sandboxTarget } from '../../electron/core/targets';
import type { CatalogActivityType } from '../../shared/profiles';

/**
 * Issue 7, "an attribute of the wrong type for its activity type": with the instance's activity
 * types loaded (as "Load from Marketo" caches them per profile), a mapping Marketo would refuse is
 * rejected before any call, in single and batched sends alike. Real engine, real sandbox.
 */
let sandbox: Sandbox;
let engine: DeliveryEngine;
let types: CatalogActivityType[];

beforeAll(async () => {
  sandbox = await startSandbox();
  engine = createDeliveryEngine();
  const target = { endpoint: sandbox.url, ...sandbox.credentials };
  const fetched = await engine.fetchActivityTypes(target);
  if (!fetched.ok) throw new Error(fetched.error.reason);
  types = toActivityTypes(fetched.value);
});
afterAll(async () => {
  engine.close();
  await sandbox.close();
});

function service(activityTypes: readonly CatalogActivityType[] | undefined): SendService {
  const target = { ...sandboxTarget(sandbox), ...(activityTypes ? { activityTypes } : {}) };
  return createSendService({ engine, targets: createTargetRegistry([target]), recorder: null });
}

const webinar = (properties: Record<string, unknown>) => ({
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  properties: { webinar: 'Metadata Webinar', ...properties },
  context: { traits: { email: 'ada@example.com' } },
});

async function sendOne(sends: SendService, event: unknown) {
  const sent = await sends.send({ event, targetId: 'sandbox', source: 'cli' });
  if (!sent.ok) throw new Error(sent.error);
  return sent.value;
}

describe('checks against the instance activity types before sending', () => {
  it('the sandbox lists the mapped type with its attributes (the premise of the checks)', () => {
    const mapped = sandbox.settings.activities['Webinar Registered']!;
    const type = types.find((t) => t.id === mapped.activityTypeId);
    expect(type?.attributes.map((a) => a.apiName)).toEqual(expect.arrayContaining(['seats', 'channel']));
  });

  it('a value that cannot fit the attribute type is rejected and nothing is sent', async () => {
    const before = sandbox.stats().totalCalls;
    const result = await sendOne(service(types), webinar({ seats: 'two' }));
    expect(result).toMatchObject({ outcome: 'rejected', code: 'ATTRIBUTE_TYPE', interactions: [] });
    expect(result.reason).toMatch(/^\$\.properties\.seats: .*"two".*integer.*nothing was sent/);
    expect(sandbox.stats().totalCalls).toBe(before);
  });

  it('the same event is sent when the value fits, and when no types were loaded', async () => {
    expect((await sendOne(service(types), webinar({ seats: 3 }))).outcome).toBe('delivered');
    // Without loaded types nothing is known to check: Marketo decides, as before.
    const unchecked = await sendOne(service(undefined), webinar({ seats: 'two' }));
    expect(unchecked.code).not.toBe('ATTRIBUTE_TYPE');
    expect(unchecked.interactions.length).toBeGreaterThan(0);
  });

  it('an attribute or a type the instance does not have is rejected with its own code', async () => {
    const settings = structuredClone(sandbox.settings);
    const mapping = settings.activities['Webinar Registered']!;
    mapping.attributes = { ...mapping.attributes, room: 'roomNumber' };
    const target = { ...sandboxTarget(sandbox), settings, activityTypes: types };
    const sends = createSendService({ engine, targets: createTargetRegistry([target]), recorder: null });
    const unknownAttribute = await sendOne(sends, webinar({ room: 'B2' }));
    expect(unknownAttribute).toMatchObject({ outcome: 'rejected', code: 'UNKNOWN_ATTRIBUTE' });
    expect(unknownAttribute.reason).toContain('"roomNumber"');

    const retyped = structuredClone(sandbox.settings);
    retyped.activities['Webinar Registered']!.activityTypeId = 999_999;
    const other = { ...sandboxTarget(sandbox), settings: retyped, activityTypes: types };
    const sends2 = createSendService({ engine, targets: createTargetRegistry([other]), recorder: null });
    expect(await sendOne(sends2, webinar({}))).toMatchObject({
      outcome: 'rejected',
      code: 'UNKNOWN_ACTIVITY_TYPE',
    });
  });

  it('a type whose attributes could not be loaded refuses no attribute: Marketo decides', async () => {
    const settings = structuredClone(sandbox.settings);
    const mapping = settings.activities['Webinar Registered']!;
    mapping.attributes = { ...mapping.attributes, room: 'roomNumber' };
    const unknown = types.map((t) =>
      t.id === mapping.activityTypeId
        ? { ...t, attributes: [], primaryAttribute: null, attributesProblem: 'describe failed' }
        : t,
    );
    const target = { ...sandboxTarget(sandbox), settings, activityTypes: unknown };
    const sends = createSendService({ engine, targets: createTargetRegistry([target]), recorder: null });
    const result = await sendOne(sends, webinar({ room: 'B2' }));
    expect(result.code).not.toBe('UNKNOWN_ATTRIBUTE');
    // Marketo itself skips the record for the attribute it does not have.
    expect(result).toMatchObject({ outcome: 'failed', code: '1006' });
  });

  it('a batch rejects only the event that would not fit and delivers the rest', async () => {
    const sent = await service(types).sendBatch({
      events: [{ event: webinar({ seats: 2 }) }, { event: webinar({ seats: 'many' }) }],
      targetId: 'sandbox',
      source: 'suite',
    });
    if (!sent.ok) throw new Error(sent.error);
    expect(sent.value.map((r) => r.code ?? r.outcome)).toEqual(['delivered', 'ATTRIBUTE_TYPE']);
  });
});
