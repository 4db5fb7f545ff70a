import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeliveryEngine,
  startSandbox,
  type DeliveryEngine,
  type MarketoTarget,
  type Sandbox,
} from '../../electron/core';
import type { DeliveryReport, Interaction } from '../../shared/interaction';
import { DestinationSettingsSchema, type DestinationSettings } from '../../shared/settings';
import type { FaultRule } from '../../electron/core/sandbox/types';
import { webinarTrack } from '../helpers/events';
import { lookupCode } from '../../electron/core/marketo/errorCatalog';

// Small windows keep the suite fast; the engine's window matches the sandbox's.
const WINDOW_MS = 600;
const RATE = { calls: 20, windowMs: WINDOW_MS };

let sandbox: Sandbox;
let engine: DeliveryEngine;
let target: MarketoTarget;
let settings: DestinationSettings;

function testSettings(overrides: Record<string, unknown> = {}): DestinationSettings {
  return DestinationSettingsSchema.parse({
    ...sandbox.settings,
    limits: { callsPer20s: 20, maxInFlight: 5 },
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 2_000,
    // The sandbox lists an activity at once, so read-backs need no polling here.
    readBack: { pollMs: 0, intervalMs: 0 },
    ...overrides,
  });
}

const webinar = webinarTrack;

const steps = (result: DeliveryReport) => result.interactions.map((i) => i.step);
const attemptsOf = (result: DeliveryReport, step: Interaction['step']) =>
  result.interactions.filter((i) => i.step === step).map((i) => i.attempt);

/** The token the sandbox hands to our client id (it returns the same one until expiry). */
async function currentToken(): Promise<string> {
  const query = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sandbox.credentials.clientId,
    client_secret: sandbox.credentials.clientSecret,
  });
  const res = await fetch(`${sandbox.url}/identity/oauth/token?${query.toString()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function expectNoSecrets(result: DeliveryReport) {
  const text = JSON.stringify(result);
  expect(text).not.toContain(sandbox.credentials.clientSecret);
  expect(text).not.toContain(await currentToken());
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:sb/);
}

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: RATE });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
  engine = createDeliveryEngine({ windowMs: WINDOW_MS });
  target = { endpoint: sandbox.url, ...sandbox.credentials };
  settings = testSettings();
});
afterEach(() => {
  engine.close();
});

describe('delivery against the sandbox', () => {
  it('identify creates a lead, then updates it', async () => {
    const identify = (firstName: string) => ({
      type: 'identify',
      userId: 'user-new',
      traits: { email: 'new@example.com', firstName },
    });
    const before = sandbox.leads().length;
    const first = await engine.deliver(identify('Neo'), target, settings);
    expect(first).toMatchObject({ outcome: 'delivered', reason: expect.stringContaining('created') });
    expect(steps(first)).toEqual(['token', 'lead-upsert']);
    const created = sandbox.leads().find((lead) => lead.email === 'new@example.com');
    expect(created).toMatchObject({ firstName: 'Neo', userId: 'user-new' });

    const second = await engine.deliver(identify('Trinity'), target, settings);
    expect(second).toMatchObject({ outcome: 'delivered', reason: expect.stringContaining('updated') });
    expect(steps(second)).toEqual(['lead-upsert']);
    expect(sandbox.leads()).toHaveLength(before + 1);
    expect(sandbox.leads().find((lead) => lead.id === created!.id)).toMatchObject({ firstName: 'Trinity' });
    const upsert = second.interactions[0]!;
    expect(upsert.request.body).toMatchObject({ action: 'createOrUpdate', lookupField: 'email' });
    await expectNoSecrets(second);
  });

  it('delivers a mapped track: token, lead lookup, activity post', async () => {
    const seen: Interaction[] = [];
    const result = await engine.deliver(webinar(), target, settings, { onInteraction: (i) => seen.push(i) });
    expect(result.outcome).toBe('delivered');
    expect(steps(result)).toEqual(['token', 'lead-lookup', 'activity-post']);
    expect(seen).toEqual(result.interactions);
    expect(result.interactions.every((i) => i.attempt === 1 && i.error === null)).toBe(true);
    expect(sandbox.activities()).toMatchObject([
      {
        leadId: 1001,
        activityTypeId: 100101,
        primaryAttributeValue: 'Spring Launch',
        activityDate: '2026-02-01T09:00:00Z',
      },
    ]);
    const token = result.interactions[0]!;
    expect(token.request.url).toContain('client_secret=[REDACTED]');
    expect(token.response?.body).toMatchObject({ access_token: '[REDACTED]' });
    expect(result.interactions[1]!.request.headers.Authorization).toBe('Bearer [REDACTED]');
    await expectNoSecrets(result);
  });

  it('reuses the token and the looked-up lead for a second track', async () => {
    await engine.deliver(webinar(), target, settings);
    const callsBefore = sandbox.stats();
    const second = await engine.deliver(webinar({ properties: { webinar: 'Autumn' } }), target, settings);
    expect(second.outcome).toBe('delivered');
    expect(steps(second)).toEqual(['activity-post']);
    expect(sandbox.stats().identityCalls).toBe(callsBefore.identityCalls);
    expect(sandbox.stats().totalCalls).toBe(callsBefore.totalCalls + 1);
    expect(sandbox.activities().map((a) => a.primaryAttributeValue)).toEqual(['Spring Launch', 'Autumn']);
  });

  it.each([
    [
      'an unmapped event',
      webinar({ event: 'Order Completed' }),
      'rejected',
      /not mapped.*"Webinar Registered"/,
    ],
    ['an anonymous event', webinar({ userId: undefined, anonymousId: 'anon-42' }), 'rejected', /no userId/],
    ['a screen call', { type: 'screen', userId: 'user-1001', name: 'Home' }, 'rejected', /screen calls/],
    ['a group call', { type: 'group', userId: 'user-1001', groupId: 'g1' }, 'rejected', /group calls/],
    [
      'an alias call',
      { type: 'alias', userId: 'user-1001', previousId: 'anon-1' },
      'rejected',
      /alias calls/,
    ],
    ['a page call on settings without page', { type: 'page', userId: 'user-1001' }, 'rejected', /Munchkin/],
    ['a missing primary property', webinar({ properties: { seats: 1 } }), 'rejected', /primary property/],
    ['Marketo V2 switched off', webinar({ integrations: { 'Marketo V2': false } }), 'skipped', /off/],
    ['All: false', webinar({ integrations: { All: false } }), 'skipped', /"All": false/],
    ['an invalid event', { type: 'track', userId: 'u' }, 'rejected', /not valid.*event/],
  ])('sends nothing for %s', async (_name, event, outcome, reason) => {
    const before = sandbox.stats();
    const result = await engine.deliver(event, target, testSettings({ page: null }));
    expect(result.outcome).toBe(outcome);
    expect(result.reason).toMatch(reason);
    expect(result.interactions).toEqual([]);
    expect(sandbox.stats().totalCalls).toBe(before.totalCalls);
    expect(sandbox.stats().identityCalls).toBe(before.identityCalls);
    if (outcome === 'rejected') expect(result.hint).toBeTruthy();
  });

  it('a dry run returns the plan and sends nothing', async () => {
    const result = await engine.deliver(webinar(), target, settings, { dryRun: true });
    expect(result).toMatchObject({ outcome: 'planned', dryRun: true, interactions: [] });
    expect(result.plan.map((c) => c.step)).toEqual(['token', 'lead-lookup', 'lead-lookup', 'activity-post']);
    expect(sandbox.stats().totalCalls + sandbox.stats().identityCalls).toBe(0);
  });

  it('after a first send, a dry run lists the token and lookups as skipped because they are cached', async () => {
    const sent = await engine.deliver(webinar(), target, settings);
    expect(steps(sent)).toEqual(['token', 'lead-lookup', 'activity-post']);
    const before = sandbox.stats();

    const dry = await engine.deliver(webinar(), target, settings, { dryRun: true });
    expect(dry.outcome).toBe('planned');
    expect(dry.reason).toBe(
      'Dry run: 1 call planned, nothing sent; 3 skipped because the access token and the lead are cached.',
    );
    expect(dry.plan.map((c) => c.step)).toEqual(['token', 'lead-lookup', 'lead-lookup', 'activity-post']);
    const [token, byEmail, byUserId, post] = dry.plan;
    // The sandbox's tokens last an hour; the engine refreshes a minute early.
    expect(token!.skipped).toMatch(/^Skipped: a cached access token is valid for another 5\d min\.$/);
    expect(byEmail!.skipped).toMatch(
      /^Skipped: lead \d+ for email ada@example\.com was looked up under a minute ago \(cached\)\.$/,
    );
    expect(byUserId!.skipped).toBe(byEmail!.skipped);
    expect(post!.skipped).toBeUndefined();
    expect(sandbox.stats()).toEqual(before);
  });

  it('rejects a track whose lead is not found, after looking by every rule', async () => {
    const event = webinar({ userId: 'user-nobody', context: { traits: { email: 'nobody@example.com' } } });
    const result = await engine.deliver(event, target, settings);
    expect(result).toMatchObject({ outcome: 'rejected', code: 'LEAD_NOT_FOUND' });
    expect(result.reason).toMatch(/email = nobody@example.com or userId = user-nobody/);
    expect(steps(result)).toEqual(['token', 'lead-lookup', 'lead-lookup']);
    expect(sandbox.activities()).toEqual([]);

    const created = await engine.deliver(event, target, testSettings({ createLeadIfMissing: true }));
    expect(created.outcome).toBe('delivered');
    // createLeadIfMissing: one upsert finds or creates the lead, no lookups first.
    expect(steps(created)).toEqual(['lead-upsert', 'activity-post']);
    const lead = sandbox.leads().find((l) => l.email === 'nobody@example.com');
    expect(lead).toMatchObject({ userId: 'user-nobody' });
    expect(sandbox.activities()[0]!.leadId).toBe(lead!.id);
  });

  it('finds the lead by the next rule when the first finds none', async () => {
    const result = await engine.deliver(
      webinar({ userId: 'user-1002', context: { traits: { email: 'unknown@example.com' } } }),
      target,
      settings,
    );
    expect(result.outcome).toBe('delivered');
    expect(sandbox.activities()[0]!.leadId).toBe(1002);
  });

  it('resends a lead lookup refused with 414 as POST with _method=GET', async () => {
    const longEmail = `${'a'.repeat(9000)}@example.com`;
    const result = await engine.deliver(
      webinar({ context: { traits: { email: longEmail } } }),
      target,
      settings,
    );
    const lookups = result.interactions.filter((i) => i.step === 'lead-lookup');
    expect(lookups[0]).toMatchObject({
      attempt: 1,
      response: { status: 414 },
      classification: { code: 'HTTP 414' },
    });
    expect(lookups[1]).toMatchObject({ attempt: 2, request: { method: 'POST' }, response: { status: 200 } });
    expect(lookups[1]!.request.url).toMatch(/leads\.json\?_method=GET$/);
    expect(lookups[1]!.request.body).toMatch(/^filterType=email&filterValues=a{100}/);
    // Not found by the long email, so the userId rule found lead 1001.
    expect(result.outcome).toBe('delivered');
    expect(sandbox.activities()[0]!.leadId).toBe(1001);
  });

  it('reports bad credentials from identity (401) with a hint, without retrying', async () => {
    const result = await engine.deliver(webinar(), { ...target, clientSecret: 'wrong-secret' }, settings);
    expect(result).toMatchObject({ outcome: 'failed', code: 'HTTP 401' });
    expect(result.hint).toMatch(/client id or secret/);
    expect(result.interactions).toHaveLength(1);
    expect(result.interactions[0]).toMatchObject({
      step: 'token',
      attempt: 1,
      response: { status: 401 },
      classification: { kind: 'actionable', code: 'HTTP 401' },
    });
    expect(JSON.stringify(result)).not.toContain('wrong-secret');
  });

  it('fails with the code when Marketo skips the activity record', async () => {
    const custom = testSettings({
      activities: { 'Webinar Registered': { activityTypeId: 999999, primaryProperty: 'webinar' } },
    });
    const result = await engine.deliver(webinar(), target, custom);
    expect(result).toMatchObject({ outcome: 'failed', code: '1013' });
    expect(result.reason).toMatch(/^Marketo skipped the record: 1013/);
    expect(result.hint).toMatch(/activityTypeId/);
    const post = result.interactions.at(-1)!;
    expect(post).toMatchObject({
      step: 'activity-post',
      attempt: 1,
      classification: { code: '1013', kind: 'actionable' },
    });
    expect(attemptsOf(result, 'activity-post')).toEqual([1]);
  });

  it('lists activity types and lead fields', async () => {
    const types = await engine.fetchActivityTypes(target, settings);
    expect(types.ok && types.value.length).toBeGreaterThan(0);
    const fields = await engine.fetchLeadFields(target);
    expect(fields.ok).toBe(true);
    expect(JSON.stringify(fields.ok && fields.value)).toContain('userId');
  });

  it('a send whose signal aborts while its post is on the wire is uncertain, not failed', async () => {
    // The sandbox stores the activity, then holds the answer back: the post has landed when we abort.
    sandbox.faults.add({ kind: 'delay', scope: 'activities', count: 1, delayMs: 20_000 });
    const controller = new AbortController();
    const pending = engine.deliver(webinar(), target, settings, { signal: controller.signal });
    await expect.poll(() => sandbox.activities().length).toBe(1);
    controller.abort();
    const result = await pending;
    expect(result).toMatchObject({ outcome: 'uncertain', code: 'CANCELLED' });
    expect(result.interactions.at(-1)).toMatchObject({ step: 'activity-post', error: { code: 'ABORTED' } });
  });
});

describe('faults: retried or reported as the catalog says', () => {
  type Case = [name: string, rule: FaultRule, code: string];
  const retried: Case[] = [
    ['601 token invalid', { kind: '601', scope: 'activities', count: 1 }, '601'],
    ['602 token expired', { kind: '602', scope: 'activities', count: 1 }, '602'],
    ['606 rate limit', { kind: '606', scope: 'activities', count: 2 }, '606'],
    ['615 concurrency', { kind: '615', scope: 'activities', count: 1 }, '615'],
  ];

  it.each(retried)(
    '%s on the activity post (not processed by Marketo) is retried and the lifecycle shows each attempt',
    async (_n, rule, code) => {
      sandbox.faults.add(rule);
      const result = await engine.deliver(webinar(), target, testSettings({ timeoutMs: 300 }));
      expect(result.outcome).toBe('delivered');
      const posts = result.interactions.filter((i) => i.step === 'activity-post');
      const failures = rule.count ?? 1;
      expect(posts.map((p) => p.attempt)).toEqual(Array.from({ length: failures + 1 }, (_, i) => i + 1));
      for (const failed of posts.slice(0, -1)) {
        expect(failed.classification).toMatchObject({ code, kind: 'transient' });
        expect(failed.error?.code).toBe(code);
      }
      expect(posts.at(-1)!.error).toBeNull();
      if (code === '601' || code === '602') {
        // The token is dropped and fetched again before the single retry.
        expect(steps(result)).toEqual(['token', 'lead-lookup', 'activity-post', 'token', 'activity-post']);
      }
      expect(steps(result)).not.toContain('activity-read');
      expect(sandbox.activities()).toHaveLength(1);
      await expectNoSecrets(result);
    },
  );

  const unknown: Case[] = [
    ['611 system error', { kind: '611', scope: 'activities', count: 1 }, '611'],
    ['604 time-out', { kind: '604', scope: 'activities', count: 1 }, '604'],
    ['502 bad gateway', { kind: '502', scope: 'activities', count: 1 }, 'HTTP 502'],
    ['connection reset', { kind: 'reset', scope: 'activities', count: 1 }, 'ECONNRESET'],
  ];

  it.each(unknown)(
    '%s: the post is re-sent only after a read-back shows it did not land',
    async (_n, rule, code) => {
      sandbox.faults.add(rule);
      const result = await engine.deliver(webinar(), target, testSettings({ timeoutMs: 300 }));
      expect(result.outcome).toBe('delivered');
      expect(steps(result)).toEqual([
        'token',
        'lead-lookup',
        'activity-post',
        'paging-token',
        'activity-read',
        'activity-post',
      ]);
      expect(result.interactions[2]!.classification).toMatchObject({ code, kind: 'transient' });
      const pagingUrl = new URL(result.interactions[3]!.request.url);
      // The token points before the first attempt (and before the activity's own date).
      expect(Date.parse(pagingUrl.searchParams.get('sinceDatetime')!)).toBeLessThan(
        Date.parse('2026-02-01T09:00:00Z'),
      );
      expect(sandbox.activities()).toHaveLength(1);
      await expectNoSecrets(result);
    },
  );

  it.each([
    [
      'stored, then the connection dropped',
      { kind: 'store-reset', scope: 'activities', count: 1 },
      'ECONNRESET',
    ],
    [
      'stored, then answered after the timeout',
      { kind: 'delay', scope: 'activities', count: 1, delayMs: 500 },
      'TIMEOUT',
    ],
  ] as Case[])('%s: confirmed by read-back, never posted twice', async (_n, rule, code) => {
    sandbox.faults.add(rule);
    const result = await engine.deliver(webinar(), target, testSettings({ timeoutMs: 250 }));
    expect(result.outcome).toBe('delivered');
    expect(result.reason).toMatch(
      new RegExp(`Confirmed by reading Marketo back: the post's answer was lost \\(${code}\\)`),
    );
    expect(steps(result)).toEqual(['token', 'lead-lookup', 'activity-post', 'paging-token', 'activity-read']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sandbox.activities()).toHaveLength(1);
  });

  it('uncertain when every answer is lost and the read-back never finds it; nothing is stored twice', async () => {
    sandbox.faults.add({ kind: 'reset', scope: 'activities', count: 10 });
    const result = await engine.deliver(
      webinar(),
      target,
      testSettings({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }),
    );
    expect(result).toMatchObject({ outcome: 'uncertain', code: 'ECONNRESET' });
    expect(result.reason).toMatch(/unknown whether Marketo stored it/);
    expect(result.hint).toMatch(/lead 1001's activity log .* type 100101 .*"Spring Launch"/);
    expect(attemptsOf(result, 'activity-post')).toEqual([1, 2, 3]);
    expect(steps(result).filter((s) => s === 'activity-read')).toHaveLength(3);
    expect(sandbox.activities()).toHaveLength(0);
  });

  it('uncertain when the read-back itself cannot be made, and the record is not re-sent', async () => {
    sandbox.faults.add({ kind: 'store-reset', scope: 'activities', count: 1 });
    sandbox.faults.add({ kind: '611', scope: 'activity-reads' });
    const result = await engine.deliver(webinar(), target, settings);
    expect(result).toMatchObject({ outcome: 'uncertain', code: 'ECONNRESET' });
    expect(result.reason).toMatch(/Reading Marketo back to check failed too \(611/);
    expect(attemptsOf(result, 'activity-post')).toEqual([1]);
    expect(sandbox.activities()).toHaveLength(1);
  });

  it('--verify reads the activity back and compares it field by field', async () => {
    const result = await engine.deliver(webinar(), target, settings, { verify: true });
    expect(result.outcome).toBe('delivered');
    expect(steps(result)).toEqual(['token', 'lead-lookup', 'activity-post', 'paging-token', 'activity-read']);
    expect(result.readBack).toMatchObject({ found: true, activityId: String(sandbox.activities()[0]!.id) });
    expect(result.readBack!.fields.map((f) => [f.name, f.match])).toEqual([
      ['leadId', true],
      ['activityTypeId', true],
      ['activityDate', true],
      ['primaryAttributeValue', true],
      ['attributes.seats', true],
      ['attributes.channel', true],
    ]);
  });

  it('a read-back pages while moreResult, past other activities', async () => {
    // 650 activities of another lead first: the read walks 300 per page, of every type and lead.
    const token = await currentToken();
    for (let n = 0; n < 650; n += 300) {
      const input = Array.from({ length: Math.min(300, 650 - n) }, (_, i) => ({
        leadId: 1002,
        activityDate: '2026-02-01T09:00:00Z',
        activityTypeId: 100101,
        primaryAttributeValue: `Other ${n + i}`,
        attributes: [],
      }));
      await fetch(`${sandbox.url}/rest/v1/activities/external.json`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
      });
    }
    sandbox.faults.add({ kind: 'store-reset', scope: 'activities', count: 1 });
    const result = await engine.deliver(webinar(), target, settings);
    expect(result.reason).toMatch(/Confirmed by reading Marketo back/);
    expect(steps(result).filter((s) => s === 'activity-read').length).toBe(3);
    expect(sandbox.activities().filter((a) => a.leadId === 1001)).toHaveLength(1);
  });

  it('719 lock wait timeout (nothing written) is retried without a read-back', async () => {
    expect(lookupCode('719')).toMatchObject({ kind: 'transient', retry: 'backoff' });
    sandbox.faults.add({ kind: '719', scope: 'activities', count: 1 });
    const result = await engine.deliver(webinar(), target, settings);
    expect(result.outcome).toBe('delivered');
    expect(steps(result)).toEqual(['token', 'lead-lookup', 'activity-post', 'activity-post']);
    expect(sandbox.activities()).toHaveLength(1);
  });

  it('606 that never clears is retried for at least two windows, then reported', async () => {
    sandbox.faults.add({ kind: '606', scope: 'activities' });
    const started = performance.now();
    const result = await engine.deliver(webinar(), target, settings);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * WINDOW_MS);
    expect(result).toMatchObject({ outcome: 'failed', code: '606' });
    expect(attemptsOf(result, 'activity-post').length).toBeGreaterThan(4);
    expect(sandbox.activities()).toHaveLength(0);
  });

  it('a lead lookup hit by 606 backs off and succeeds', async () => {
    sandbox.faults.add({ kind: '606', scope: 'leads', count: 1 });
    const result = await engine.deliver(webinar(), target, settings);
    expect(result.outcome).toBe('delivered');
    expect(attemptsOf(result, 'lead-lookup')).toEqual([1, 2]);
    expect(result.warnings.join()).not.toMatch(/may have processed/);
  });

  it('a persistent transient lookup fault fails after maxAttempts with the code and hint', async () => {
    sandbox.faults.add({ kind: '611', scope: 'leads', count: 10 });
    const result = await engine.deliver(webinar(), target, settings);
    expect(result).toMatchObject({ outcome: 'failed', code: '611' });
    expect(result.reason).toMatch(/lead lookup failed after 4 attempts: 611/);
    expect(result.hint).toMatch(/retries/);
    expect(attemptsOf(result, 'lead-lookup')).toEqual([1, 2, 3, 4]);
  });

  it('601 twice in a row: the token is refreshed once, then the failure is reported', async () => {
    sandbox.faults.add({ kind: '601', scope: 'activities', count: 2 });
    const result = await engine.deliver(webinar(), target, settings);
    expect(result).toMatchObject({ outcome: 'failed', code: '601' });
    expect(attemptsOf(result, 'activity-post')).toEqual([1, 2]);
    expect(attemptsOf(result, 'token')).toEqual([1, 1]);
  });
});

describe('daily quota', () => {
  it('607 is not retried and the hint says when the quota resets', async () => {
    const tiny = await startSandbox({ dailyQuota: 1 });
    const quotaEngine = createDeliveryEngine();
    try {
      const result = await quotaEngine.deliver(
        webinar(),
        { endpoint: tiny.url, ...tiny.credentials },
        settings,
      );
      expect(result).toMatchObject({ outcome: 'failed', code: '607' });
      expect(result.hint).toMatch(/resets at 00:00 US Central time, in about \d+ h \d+ min/);
      expect(attemptsOf(result, 'activity-post')).toEqual([1]);
      expect(tiny.activities()).toEqual([]);
      // Known to be used up: the next send to the instance stops here instead of hammering Marketo.
      const callsBefore = tiny.stats().totalCalls;
      const again = await quotaEngine.deliver(
        webinar(),
        { endpoint: tiny.url, ...tiny.credentials },
        settings,
      );
      expect(again).toMatchObject({ outcome: 'failed', code: '607' });
      expect(again.reason).toMatch(/not sent until/);
      expect(tiny.stats().totalCalls).toBe(callsBefore);
    } finally {
      quotaEngine.close();
      await tiny.close();
    }
  });
});

describe('tokens', () => {
  it('fetches a new token before the cached one expires, so no call meets 602', async () => {
    const shortLived = await startSandbox({ tokenTtlSeconds: 3 });
    const tokenEngine = createDeliveryEngine();
    const to = { endpoint: shortLived.url, ...shortLived.credentials };
    try {
      const first = await tokenEngine.deliver(webinar(), to, settings);
      expect(steps(first)[0]).toBe('token');
      const second = await tokenEngine.deliver(webinar(), to, settings);
      expect(steps(second)).toEqual(['activity-post']);
      // expires_in was 2 s: refreshed 10 % early, i.e. after 1.8 s, before the sandbox expires it.
      await new Promise((resolve) => setTimeout(resolve, 1_900));
      const third = await tokenEngine.deliver(webinar(), to, settings);
      expect(steps(third)).toEqual(['token', 'activity-post']);
      expect(third.interactions.every((i) => i.error === null)).toBe(true);
    } finally {
      tokenEngine.close();
      await shortLived.close();
    }
  });
});

describe('limits', () => {
  // Its own sandbox with a shorter window: 200 calls at 20 per window take about ten windows.
  const LIMIT_RATE = { calls: 20, windowMs: 250 };
  let limited: Sandbox;
  beforeAll(async () => {
    limited = await startSandbox({ rateLimit: LIMIT_RATE });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('100 concurrent sends never exceed the governor limits', async () => {
    const maxInFlight = 5;
    // Every call is held 40 ms at the server, so calls overlap there and in-flight counting bites.
    limited.faults.add({ kind: 'delay', delayMs: 40 });
    const fast = createDeliveryEngine({ windowMs: LIMIT_RATE.windowMs });
    const to = { endpoint: limited.url, ...limited.credentials };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fast.deliver(webinar({ properties: { webinar: `Session ${i}` } }), to, settings),
      ),
    );
    fast.close();
    expect(results.filter((r) => r.outcome !== 'delivered')).toEqual([]);
    const stats = limited.stats();
    expect(stats.peakInWindow).toBeLessThanOrEqual(LIMIT_RATE.calls);
    expect(stats.peakInFlight).toBeLessThanOrEqual(maxInFlight);
    expect(stats.peakInFlight).toBeGreaterThan(1);
    expect(stats.refused606).toBe(0);
    expect(stats.refused615).toBe(0);
    expect(limited.activities()).toHaveLength(100);
    // All 100 raced the first lookup, so no lookup result was cached yet: 100 lookups + 100 posts.
    expect(stats.totalCalls).toBe(200);
    expect(stats.identityCalls).toBe(1);
    if (process.env.SHOW_STATS) console.log(JSON.stringify(stats));
  }, 30_000);
});
