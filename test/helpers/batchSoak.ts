import { createDeliveryEngine, startSandbox, type Sandbox } from '../../electron/core';
import type { BatchItem } from '../../electron/core/delivery/batch';
import type { DeliveryReport } from '../../shared/interaction';
import { DestinationSettingsSchema, type DestinationSettings } from '../../shared/settings';
import { mulberry32 } from './soak';

/**
 * Batched delivery against the sandbox (issue 10): `people` identifies, then `events` tracks spread
 * over them, through the engine's batched path. Shared by the fault soak in `npm test` and the
 * bench; the bench also runs the same tracks one lookup and one post per event (as Segment does).
 */
export const personEmail = (n: number) => `person${n}@batch.example.com`;

export function identifies(people: number): BatchItem[] {
  return Array.from({ length: people }, (_, n) => ({
    event: { type: 'identify', userId: `batch-${n}`, traits: { email: personEmail(n), firstName: `P${n}` } },
  }));
}

export function tracks(events: number, people: number, label = 'Batch'): BatchItem[] {
  return Array.from({ length: events }, (_, i) => ({
    event: {
      type: 'track',
      event: 'Webinar Registered',
      userId: `batch-${i % people}`,
      properties: { webinar: `${label} ${i}`, seats: 1 },
      context: { traits: { email: personEmail(i % people) } },
      timestamp: '2026-02-01T09:00:00Z',
    },
  }));
}

export function batchSettings(sandbox: Sandbox, fast: boolean): DestinationSettings {
  return DestinationSettingsSchema.parse({
    ...sandbox.settings,
    limits: { callsPer20s: 100, maxInFlight: 10 },
    ...(fast
      ? {
          retry: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10 },
          timeoutMs: 300,
          readBack: { pollMs: 0, intervalMs: 0 },
        }
      : {}),
  });
}

/** Stored count per primary attribute value, for "none posted twice". */
export function storedCounts(sandbox: Sandbox): Map<string, number> {
  const stored = new Map<string, number>();
  for (const a of sandbox.activities())
    stored.set(a.primaryAttributeValue, (stored.get(a.primaryAttributeValue) ?? 0) + 1);
  return stored;
}

export interface BatchSoakResult {
  reports: DeliveryReport[];
  stored: Map<string, number>;
  stats: ReturnType<Sandbox['stats']>;
  elapsedMs: number;
}

/** 1,000 events (a tenth identifies) with faults switched on midway and bursts of 606/615. */
export async function runBatchSoak(options: { events: number; windowMs: number; seed: number }) {
  const random = mulberry32(options.seed);
  const sandbox = await startSandbox({ rateLimit: { calls: 100, windowMs: options.windowMs }, random });
  const engine = createDeliveryEngine({ windowMs: options.windowMs, random: mulberry32(options.seed + 1) });
  const settings = batchSettings(sandbox, true);
  const target = { endpoint: sandbox.url, ...sandbox.credentials };
  const people = Math.max(1, Math.floor(options.events / 10));
  const items = [...identifies(people), ...tracks(options.events - people, people, 'Soak')];
  const started = performance.now();
  try {
    const reports: DeliveryReport[] = [];
    // In slices, as a suite run feeds the batch, so faults can start midway.
    const slice = 100;
    for (let from = 0; from < items.length; from += slice) {
      if (from === 300) {
        sandbox.faults.add({ kind: '601', count: 1 });
        for (const [kind, share] of [
          ['store-reset', 0.08],
          ['reset', 0.05],
          ['502', 0.05],
          ['604', 0.03],
        ] as const)
          sandbox.faults.add({ kind, share });
        sandbox.faults.add({ kind: 'delay', share: 0.05, delayMs: 400 });
      }
      // A token that expires midway (the client refreshes once per call, as Marketo advises).
      if (from === 600) sandbox.faults.add({ kind: '602', count: 1 });
      if (from % 200 === 100) sandbox.faults.add({ kind: from % 400 === 100 ? '606' : '615', count: 8 });
      reports.push(...(await engine.deliverBatch(items.slice(from, from + slice), target, settings)));
    }
    const elapsedMs = performance.now() - started;
    // Answers held past the timeout land late; wait so every stored record is counted.
    await new Promise((resolve) => setTimeout(resolve, 600));
    return { reports, stored: storedCounts(sandbox), stats: sandbox.stats(), elapsedMs, people };
  } finally {
    engine.close();
    await sandbox.close();
  }
}
