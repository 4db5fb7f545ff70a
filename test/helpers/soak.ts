import pLimit from 'p-limit';
import { createDeliveryEngine, startSandbox, type Sandbox } from '../../electron/core';
import type { DeliveryReport } from '../../shared/interaction';
import { DestinationSettingsSchema } from '../../shared/settings';
import { webinarTrack } from './events';

/**
 * The exactly-once fault soak (issue 7): many activity posts against the sandbox with a mix of
 * answers lost after the record was stored (connection dropped, answer past the timeout), resets,
 * 502, 604, 611, and 606/615 bursts. Shared by the fast test and the full-size bench.
 */
export interface SoakOptions {
  events: number;
  windowMs: number;
  seed: number;
}

export interface SoakResult {
  reports: DeliveryReport[];
  /** Primary attribute value -> how many times the sandbox stored it. */
  stored: Map<string, number>;
  stats: ReturnType<Sandbox['stats']>;
  elapsedMs: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const random = mulberry32(options.seed);
  const sandbox = await startSandbox({ rateLimit: { calls: 100, windowMs: options.windowMs }, random });
  const engine = createDeliveryEngine({ windowMs: options.windowMs, random: mulberry32(options.seed + 1) });
  const settings = DestinationSettingsSchema.parse({
    ...sandbox.settings,
    limits: { callsPer20s: 100, maxInFlight: 10 },
    retry: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10 },
    timeoutMs: 100,
    readBack: { pollMs: 0, intervalMs: 0 },
  });
  const target = { endpoint: sandbox.url, ...sandbox.credentials };
  const started = performance.now();
  try {
    // Warm the token and the lead cache, then switch the faults on for the posts.
    await engine.deliver(webinarTrack({ properties: { webinar: 'Warm-up' } }), target, settings);
    for (const [kind, share] of [
      ['store-reset', 0.04],
      ['reset', 0.04],
      ['502', 0.04],
      ['604', 0.03],
      ['611', 0.03],
      ['606', 0.02],
      ['615', 0.02],
    ] as const)
      sandbox.faults.add({ kind, scope: 'activities', share });
    sandbox.faults.add({ kind: 'delay', scope: 'activities', share: 0.03, delayMs: 150 });
    const limit = pLimit(40);
    const reports = await Promise.all(
      Array.from({ length: options.events }, (_, i) =>
        limit(async () => {
          // Bursts: every 100th event, the next 15 calls are refused for the rate or concurrency limit.
          if (i % 100 === 50) sandbox.faults.add({ kind: i % 200 === 50 ? '606' : '615', count: 15 });
          return engine.deliver(webinarTrack({ properties: { webinar: `Soak ${i}` } }), target, settings);
        }),
      ),
    );
    const elapsedMs = performance.now() - started;
    // Let answers held back past the timeout finish, so every stored record is counted.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stored = new Map<string, number>();
    for (const activity of sandbox.activities())
      stored.set(activity.primaryAttributeValue, (stored.get(activity.primaryAttributeValue) ?? 0) + 1);
    stored.delete('Warm-up');
    return { reports, stored, stats: sandbox.stats(), elapsedMs };
  } finally {
    engine.close();
    await sandbox.close();
  }
}
