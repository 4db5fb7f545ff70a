import type { DeliveryRecord } from '../../shared/history';
import type { Interaction, Outcome } from '../../shared/interaction';

/**
 * Delivery records shaped like the engine's (a track through token, lead lookup and activity post,
 * redacted headers, Marketo-sized bodies), for the store's unit tests and its bench alike.
 */

const OUTCOMES: readonly Outcome[] = [
  'delivered',
  'delivered',
  'delivered',
  'failed',
  'rejected',
  'uncertain',
];
const SOURCES = ['app', 'cli', 'suite', 'collector'] as const;
const ENDPOINT = 'http://127.0.0.1:4780';

export interface RecordOptions {
  startedAt: Date;
  outcome?: Outcome;
  source?: DeliveryRecord['source'];
  interactions?: number;
  event?: unknown;
}

export function makeRecord(n: number, options: RecordOptions): DeliveryRecord {
  const startedMs = options.startedAt.getTime();
  const count = options.interactions ?? 3;
  const outcome = options.outcome ?? OUTCOMES[n % OUTCOMES.length]!;
  const failed = outcome === 'failed';
  return {
    id: recordId(n),
    startedAt: new Date(startedMs).toISOString(),
    finishedAt: new Date(startedMs + 40 * count + (n % 17)).toISOString(),
    source: options.source ?? SOURCES[n % SOURCES.length]!,
    targetId: 'sandbox',
    outcome,
    ...(failed
      ? { code: '606', reason: 'Marketo kept answering 606 (rate limit).', hint: 'Wait and resend.' }
      : {}),
    dryRun: false,
    plan: [
      { step: 'lead-lookup', method: 'GET', path: lookupPath(n), note: 'Find the lead by email.' },
      {
        step: 'activity-post',
        method: 'POST',
        path: '/rest/v1/activities/external.json',
        body: activityBody(n, '{{leadId}}'),
        note: 'Post the custom activity "Webinar Registered" (100101).',
      },
    ],
    interactions: Array.from({ length: count }, (_, seq) => makeInteraction(n, seq, startedMs, failed)),
    warnings: n % 10 === 0 ? ['properties.seats is a number; Marketo stores it as text.'] : [],
    event: Object.hasOwn(options, 'event') ? options.event : makeEvent(n, startedMs),
  };
}

function makeInteraction(n: number, seq: number, startedMs: number, failed: boolean): Interaction {
  const startedAt = new Date(startedMs + seq * 40).toISOString();
  const headers = { accept: 'application/json', authorization: 'Bearer [redacted]' };
  const step = (['token', 'lead-lookup', 'activity-post'] as const)[seq % 3]!;
  if (step === 'token') {
    return {
      step,
      attempt: 1,
      startedAt,
      durationMs: 12.5,
      request: {
        method: 'GET',
        url: `${ENDPOINT}/identity/oauth/token?grant_type=client_credentials`,
        headers,
      },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: {
          access_token: '[redacted]',
          token_type: 'bearer',
          expires_in: 3599,
          scope: 'api@example.com',
        },
      },
      error: null,
    };
  }
  if (step === 'lead-lookup') {
    return {
      step,
      attempt: 1,
      startedAt,
      durationMs: 31.25,
      request: { method: 'GET', url: ENDPOINT + lookupPath(n), headers },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: {
          requestId: `e42b#${n.toString(16)}`,
          result: [{ id: 1000 + (n % 500), email: email(n), updatedAt: '2026-01-30T10:00:00Z' }],
          success: true,
        },
      },
      error: null,
    };
  }
  return {
    step,
    attempt: failed ? 2 : 1,
    startedAt,
    durationMs: 48,
    request: {
      method: 'POST',
      url: `${ENDPOINT}/rest/v1/activities/external.json`,
      headers,
      body: activityBody(n, 1000),
    },
    response: failed
      ? null
      : {
          status: 200,
          headers: { 'content-type': 'application/json;charset=UTF-8' },
          body: { requestId: `a17c#${n.toString(16)}`, result: [{ id: n, status: 'added' }], success: true },
        },
    error: failed ? { code: '606', message: 'Max rate limit 100 exceeded with in 20 secs' } : null,
    ...(failed
      ? { classification: { kind: 'transient', code: '606', hint: 'Marketo throttles; retried later.' } }
      : {}),
  } as Interaction;
}

function makeEvent(n: number, startedMs: number): Record<string, unknown> {
  return {
    type: 'track',
    event: n % 2 === 0 ? 'Webinar Registered' : 'Trial Started',
    userId: `user-${n}`,
    messageId: `msg-${n}`,
    timestamp: new Date(startedMs).toISOString(),
    properties: {
      webinar: 'Spring Launch',
      seats: 2,
      channel: 'email',
      plan: 'team',
      referrer: 'newsletter-0326',
    },
    context: {
      traits: { email: email(n), firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines Ltd' },
      ip: '203.0.113.7',
      library: { name: 'analytics.js', version: '5.2.0' },
      page: { path: '/webinars/spring-launch', url: 'https://example.com/webinars/spring-launch' },
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15',
    },
  };
}

/**
 * Shaped like the send service's ids (a time-ordered base-36 prefix, then random hex), so records
 * made in order reach the primary-key index in order, as real deliveries do. Ends in `n`.
 */
export const recordId = (n: number): string =>
  `${n.toString(36).padStart(9, '0')}-${(Math.imul(n + 1, 2654435761) >>> 0).toString(16).padStart(8, '0')}${String(n).padStart(12, '0')}`;

const email = (n: number): string => `user${n}@example.com`;
const lookupPath = (n: number): string =>
  `/rest/v1/leads.json?filterType=email&filterValues=${encodeURIComponent(email(n))}&fields=id,email,updatedAt`;

function activityBody(n: number, leadId: number | string): unknown {
  return {
    input: [
      {
        leadId,
        activityDate: '2026-02-01T09:00:00Z',
        activityTypeId: 100101,
        primaryAttributeValue: 'Spring Launch',
        attributes: [
          { apiName: 'seats', value: '2' },
          { apiName: 'channel', value: 'email' },
          { apiName: 'messageId', value: `msg-${n}` },
        ],
      },
    ],
  };
}
