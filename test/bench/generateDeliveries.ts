import type { DeliveryRecord } from '../../shared/history';
import type { Interaction, Outcome } from '../../shared/interaction';
import { openStore } from '../../electron/core/store';

/**
 * Fills a store with synthetic deliveries for the Delivery benches: spread evenly over the last
 * `days` days, four sources, three profiles, every outcome, a dozen issue codes, latencies from
 * 40 ms to several seconds, a retried post now and then. Through recordMany, so the per-minute
 * aggregates are kept exactly as the app keeps them.
 */

const OUTCOMES: readonly Outcome[] = [
  'delivered',
  'delivered',
  'delivered',
  'delivered',
  'delivered',
  'rejected',
  'failed',
  'skipped',
  'uncertain',
];
const SOURCES = ['app', 'cli', 'suite', 'collector'] as const;
const PROFILES = ['sandbox', 'production', 'staging'];
const FAILURES = ['606', '615', '1006', '1004', '1013', 'TIMEOUT', 'ECONNRESET', 'HTTP 502', '603'];
const REJECTIONS = ['UNMAPPED_EVENT', 'MISSING_PRIMARY', 'NO_IDENTIFIER'];

function post(n: number, attempt: number, startedAt: string, code: string | null): Interaction {
  return {
    step: 'activity-post',
    attempt,
    startedAt,
    durationMs: 40 + (n % 300),
    request: { method: 'POST', url: 'http://127.0.0.1:4780/rest/v1/activities/external.json', headers: {} },
    response: code ? null : { status: 200, headers: {}, body: { success: true } },
    error: code ? { code, message: code } : null,
    ...(code ? { classification: { kind: 'transient', code, hint: 'retry' } as const } : {}),
  };
}

export function syntheticDelivery(n: number, startedMs: number): DeliveryRecord {
  const outcome = OUTCOMES[n % OUTCOMES.length]!;
  const durationMs = 40 + ((n * 7919) % 997) * (n % 50 === 0 ? 12 : 1.5);
  const startedAt = new Date(startedMs).toISOString();
  const retried = outcome === 'delivered' && n % 40 === 0;
  const code =
    outcome === 'failed' || outcome === 'uncertain'
      ? FAILURES[(n >> 3) % FAILURES.length]
      : outcome === 'rejected'
        ? REJECTIONS[(n >> 3) % REJECTIONS.length]
        : undefined;
  const interactions =
    outcome === 'rejected' || outcome === 'skipped'
      ? []
      : retried
        ? [post(n, 1, startedAt, '606'), post(n, 2, startedAt, null)]
        : [post(n, 1, startedAt, outcome === 'delivered' ? null : code!)];
  return {
    id: `gen-${n.toString(36).padStart(8, '0')}`,
    startedAt,
    finishedAt: new Date(startedMs + durationMs).toISOString(),
    source: SOURCES[n % SOURCES.length]!,
    targetId: PROFILES[(n >> 2) % PROFILES.length]!,
    outcome,
    ...(code ? { code, reason: `synthetic ${code}` } : {}),
    dryRun: false,
    plan: [],
    interactions,
    warnings: [],
    event: { type: 'track', event: `Event ${n % 40}`, userId: `user-${n % 5000}`, properties: { n } },
  };
}

/** Writes `count` deliveries ending at `endMs` into `<dataDir>/event-tester.db`; returns the seconds it took. */
export function generateDeliveries(dataDir: string, count: number, endMs: number, days = 14): number {
  const started = performance.now();
  const store = openStore({ dataDir, now: () => new Date(endMs) });
  // Two minutes short of the span, so every delivery falls inside a period of `days` ending at endMs.
  const spacing = (days * 86_400_000 - 120_000) / count;
  const BATCH = 10_000;
  try {
    for (let first = 0; first < count; first += BATCH) {
      const batch: DeliveryRecord[] = [];
      for (let n = first; n < Math.min(count, first + BATCH); n++) {
        batch.push(syntheticDelivery(n, Math.floor(endMs - 60_000 - (count - 1 - n) * spacing)));
      }
      store.deliveries.recordMany(batch);
    }
  } finally {
    store.close();
  }
  return (performance.now() - started) / 1000;
}
