import { openStore } from '../../../electron/core/store';
import type { DeliveryRecord } from '../../../shared/history';
import type { Interaction } from '../../../shared/interaction';

/** A Marketo-shaped lead lookup answer of about `megabytes` MB once pretty-printed, one long value in it. */
export function bigLeadsBody(megabytes: number): { requestId: string; success: true; result: object[] } {
  const result: object[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const lead = {
      id: 100_000 + i,
      email: `lead-${i}@example.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      company: `Company ${i % 500}`,
      updatedAt: '2026-11-30T04:00:00Z',
      // One 2,000-character value, the kind that made the body 15,000 px wide without wrapping.
      notes: i === 3 ? 'long-'.repeat(400) : `note ${i}`,
    };
    size += JSON.stringify(lead, null, 2).length + 4;
    result.push(lead);
  }
  result.push({ id: 999_999, email: 'needle@example.com', firstName: 'Needle' });
  return { requestId: 'big#1', success: true, result };
}

const exchange = (step: Interaction['step'], url: string, body: unknown, at: number): Interaction => ({
  step,
  attempt: 1,
  startedAt: new Date(at).toISOString(),
  durationMs: 12,
  request: { method: 'GET', url, headers: { Authorization: 'Bearer [REDACTED]' } },
  response: { status: 200, headers: { 'content-type': 'application/json' }, body },
  error: null,
});

/** Writes one delivered event whose third exchange answered with a body of about `megabytes` MB. */
export function seedBigDelivery(dataDir: string, megabytes = 5): void {
  const store = openStore({ dataDir });
  const now = Date.now();
  const record: DeliveryRecord = {
    id: 'big-body',
    startedAt: new Date(now).toISOString(),
    finishedAt: new Date(now + 50).toISOString(),
    source: 'app',
    targetId: 'sandbox',
    outcome: 'delivered',
    dryRun: false,
    plan: [],
    interactions: [
      exchange('token', 'http://127.0.0.1/identity/oauth/token', { access_token: '[REDACTED]' }, now),
      exchange(
        'lead-lookup',
        'http://127.0.0.1/rest/v1/leads.json?filterType=email',
        { result: [] },
        now + 15,
      ),
      exchange(
        'lead-lookup',
        'http://127.0.0.1/rest/v1/leads.json?filterType=id',
        bigLeadsBody(megabytes),
        now + 30,
      ),
    ],
    warnings: [],
    event: { type: 'track', event: 'Big Body', userId: 'user-big' },
  };
  try {
    store.deliveries.recordMany([record]);
  } finally {
    store.close();
  }
}
