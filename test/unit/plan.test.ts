import { describe, expect, it } from 'vitest';
import { planDelivery, LEAD_ID_PLACEHOLDER, getPath } from '../../electron/core/delivery/plan';
import type { SegmentEvent } from '../../shared/segment/schemas';
import { DestinationSettingsSchema, type DestinationSettingsInput } from '../../shared/settings';
import { webinarTrack } from '../helpers/events';

const SETTINGS = DestinationSettingsSchema.parse({
  formatVersion: 1,
  leadFields: { email: 'email', firstName: 'firstName', 'address.city': 'city' },
  activities: {
    'Webinar Registered': {
      activityTypeId: 100101,
      primaryProperty: 'webinar',
      attributes: { seats: 'seats', channel: 'channel' },
    },
  },
});
const settings = (overrides: Partial<DestinationSettingsInput> = {}) =>
  DestinationSettingsSchema.parse({ ...SETTINGS, ...overrides });
const now = () => new Date('2026-03-01T10:00:00.000Z');
const ev = (value: Record<string, unknown>) => value as unknown as SegmentEvent;

const track = (extra: Record<string, unknown> = {}) => ev(webinarTrack(extra));

describe('planDelivery', () => {
  it('plans identify as one createOrUpdate on the first lookup field present', () => {
    const plan = planDelivery(
      ev({
        type: 'identify',
        userId: 'user-9',
        anonymousId: 'anon-9',
        traits: { email: 'new@example.com', firstName: 'New', address: { city: 'Oslo' }, plan: 'pro' },
      }),
      SETTINGS,
    );
    expect(plan.kind).toBe('send');
    if (plan.kind !== 'send') return;
    expect(plan.calls.map((c) => c.step)).toEqual(['token', 'lead-upsert']);
    expect(plan.calls[1]!.body).toEqual({
      action: 'createOrUpdate',
      lookupField: 'email',
      input: [
        { email: 'new@example.com', firstName: 'New', city: 'Oslo', userId: 'user-9', anonymousId: 'anon-9' },
      ],
    });
    expect(plan.warnings.join()).toMatch(/traits\.plan/);
  });

  it('falls back to userId for identify without an email', () => {
    const plan = planDelivery(
      ev({ type: 'identify', userId: 'user-9', traits: { firstName: 'N' } }),
      SETTINGS,
      {
        hasToken: true,
      },
    );
    expect(plan).toMatchObject({ kind: 'send', action: { type: 'upsert', lookupField: 'userId' } });
    if (plan.kind === 'send') expect(plan.calls.map((c) => c.step)).toEqual(['lead-upsert']);
  });

  it('plans track as lookups in rule order then the activity, with a leadId placeholder', () => {
    const plan = planDelivery(track(), SETTINGS, {}, { now });
    expect(plan.kind).toBe('send');
    if (plan.kind !== 'send') return;
    expect(plan.calls.map((c) => c.step)).toEqual(['token', 'lead-lookup', 'lead-lookup', 'activity-post']);
    expect(plan.calls[1]!.path).toBe(
      '/rest/v1/leads.json?filterType=email&filterValues=ada%40example.com&fields=id%2Cemail%2CuserId',
    );
    expect(plan.calls[2]!.path).toContain('filterType=userId&filterValues=user-1001');
    expect(plan.calls[3]!.body).toEqual({
      input: [
        {
          leadId: LEAD_ID_PLACEHOLDER,
          activityDate: '2026-02-01T09:00:00Z',
          activityTypeId: 100101,
          primaryAttributeValue: 'Spring Launch',
          attributes: [
            { apiName: 'seats', value: 2 },
            { apiName: 'channel', value: 'email' },
          ],
        },
      ],
    });
  });

  it('uses a cached lead id and skips the lookup', () => {
    const plan = planDelivery(
      track(),
      SETTINGS,
      {
        hasToken: true,
        leadId: (field, value) => (field === 'email' && value === 'ada@example.com' ? 1001 : undefined),
      },
      { now },
    );
    expect(plan).toMatchObject({ kind: 'send', action: { type: 'activity', leadId: 1001 } });
    if (plan.kind === 'send') {
      expect(plan.calls.map((c) => c.step)).toEqual(['activity-post']);
      expect(JSON.stringify(plan.calls[0]!.body)).toContain('"leadId":1001');
    }
  });

  it('lists the calls the caches save as skipped, with why, in their places (what a dry run shows)', () => {
    const plan = planDelivery(
      track(),
      SETTINGS,
      {
        hasToken: true,
        tokenValidForMs: 52 * 60_000 + 30_000,
        leadId: (field) => (field === 'email' ? 1001 : undefined),
        leadAgeMs: (field) => (field === 'email' ? 3 * 60_000 + 5_000 : undefined),
      },
      { now },
    );
    if (plan.kind !== 'send') throw new Error('expected send');
    expect(plan.listed.map((c) => [c.step, c.skipped])).toEqual([
      ['token', 'Skipped: a cached access token is valid for another 52 min.'],
      ['lead-lookup', 'Skipped: lead 1001 for email ada@example.com was looked up 3 min ago (cached).'],
      ['lead-lookup', 'Skipped: lead 1001 for email ada@example.com was looked up 3 min ago (cached).'],
      ['activity-post', undefined],
    ]);
    // Only the post is made: the executed calls never include a skipped one.
    expect(plan.calls).toEqual([plan.listed[3]]);
  });

  it('lists nothing as skipped with empty caches, and the saved upsert with createLeadIfMissing', () => {
    const cold = planDelivery(track(), SETTINGS, {}, { now });
    if (cold.kind !== 'send') throw new Error('expected send');
    expect(cold.listed).toEqual(cold.calls);

    const warm = planDelivery(
      track(),
      settings({ createLeadIfMissing: true }),
      { hasToken: true, leadId: () => 7 },
      { now },
    );
    if (warm.kind !== 'send') throw new Error('expected send');
    expect(warm.listed.map((c) => [c.step, c.skipped])).toEqual([
      ['token', 'Skipped: a cached access token is still valid.'],
      ['lead-upsert', 'Skipped: lead 7 for email ada@example.com was found earlier (cached).'],
      ['activity-post', undefined],
    ]);
    expect(warm.calls.map((c) => c.step)).toEqual(['activity-post']);
  });

  it('uses now for activityDate when the event has no timestamp, and stringifies nested values', () => {
    const plan = planDelivery(
      track({ timestamp: undefined, properties: { webinar: { id: 7 }, seats: [1, 2] } }),
      SETTINGS,
      {},
      { now },
    );
    if (plan.kind !== 'send' || plan.action.type !== 'activity') throw new Error('expected an activity plan');
    expect(plan.action.activity.activityDate).toBe('2026-03-01T10:00:00.000Z');
    expect(plan.action.activity.primaryAttributeValue).toBe('{"id":7}');
    expect(plan.action.activity.attributes).toEqual([{ apiName: 'seats', value: '[1,2]' }]);
    expect(plan.warnings.filter((w) => /JSON text/.test(w))).toHaveLength(2);
  });

  it('upserts the lead directly, without lookups first, when createLeadIfMissing is on', () => {
    const plan = planDelivery(track(), settings({ createLeadIfMissing: true }), { hasToken: true });
    if (plan.kind !== 'send') throw new Error('expected send');
    expect(plan.calls.map((c) => c.step)).toEqual(['lead-upsert', 'activity-post']);
    expect(plan.action).toMatchObject({
      lookups: [],
      createLead: { lookupField: 'email', record: { email: 'ada@example.com', userId: 'user-1001' } },
    });
  });

  it.each([
    ['screen', { type: 'screen', userId: 'u', name: 'Home' }, /does not take screen calls/],
    ['group', { type: 'group', userId: 'u', groupId: 'g' }, /does not take group calls/],
    ['alias', { type: 'alias', userId: 'u', previousId: 'p' }, /does not take alias calls/],
  ])('rejects %s calls with the reason', (_name, event, reason) => {
    const plan = planDelivery(ev(event), SETTINGS);
    expect(plan).toMatchObject({
      kind: 'reject',
      code: 'UNSUPPORTED_CALL',
      reason: expect.stringMatching(reason),
    });
    if (plan.kind === 'reject') expect(plan.hint.length).toBeGreaterThan(10);
  });

  it('rejects an unmapped event and names the mapped ones', () => {
    const plan = planDelivery(track({ event: 'Order Completed' }), SETTINGS);
    expect(plan).toMatchObject({ kind: 'reject', code: 'UNMAPPED_EVENT' });
    if (plan.kind === 'reject') expect(plan.reason).toContain('"Webinar Registered"');
    const near = planDelivery(track({ event: 'webinar registered' }), SETTINGS);
    if (near.kind === 'reject') expect(near.hint).toMatch(/case-sensitive/);
  });

  it('rejects a missing or empty primary property', () => {
    expect(planDelivery(track({ properties: { seats: 1 } }), SETTINGS)).toMatchObject({
      kind: 'reject',
      code: 'MISSING_PRIMARY',
      reason: expect.stringContaining('"webinar"'),
    });
    expect(planDelivery(track({ properties: { webinar: '' } }), SETTINGS)).toMatchObject({
      code: 'MISSING_PRIMARY',
      reason: expect.stringContaining('empty'),
    });
  });

  it('rejects anonymous events unless trackAnonymous is on, then looks up by anonymousId', () => {
    const anon = track({ userId: undefined, anonymousId: 'anon-42', context: {} });
    expect(planDelivery(anon, SETTINGS)).toMatchObject({ kind: 'reject', code: 'ANONYMOUS_NOT_ALLOWED' });
    const plan = planDelivery(anon, settings({ trackAnonymous: true }), { hasToken: true });
    if (plan.kind !== 'send' || plan.action.type !== 'activity') throw new Error('expected send');
    expect(plan.action.lookups).toEqual([{ field: 'anonymousId', value: 'anon-42', from: 'anonymousId' }]);
  });

  it('rejects when no lookup rule finds a value', () => {
    const plan = planDelivery(
      track({ context: {} }),
      settings({ leadLookup: [{ field: 'email', from: ['traits.email'] }] }),
    );
    expect(plan).toMatchObject({
      kind: 'reject',
      code: 'NO_IDENTIFIER',
      reason: expect.stringContaining('traits.email'),
    });
  });

  it('rejects page calls unless pages are mapped, then reads context.page too', () => {
    const page = ev({
      type: 'page',
      userId: 'user-1001',
      name: 'Pricing',
      context: { page: { url: 'https://x.test/p' } },
    });
    expect(planDelivery(page, SETTINGS)).toMatchObject({
      kind: 'reject',
      code: 'PAGE_NOT_MAPPED',
      reason: expect.stringContaining('Munchkin'),
    });
    const mapped = settings({
      page: { activityTypeId: 100103, primaryProperty: 'url', attributes: { name: 'pageName' } },
    });
    const plan = planDelivery(page, mapped, { hasToken: true });
    if (plan.kind !== 'send' || plan.action.type !== 'activity') throw new Error('expected send');
    expect(plan.action.activity).toMatchObject({
      activityTypeId: 100103,
      primaryAttributeValue: 'https://x.test/p',
      attributes: [{ apiName: 'pageName', value: 'Pricing' }],
    });
  });

  it.each([
    [{ 'Marketo V2': false }, 'skip'],
    [{ All: false }, 'skip'],
    [{ All: false, 'Marketo V2': true }, 'send'],
    [{ All: false, 'Marketo V2': { some: 'option' } }, 'send'],
    // Keys are exact: a case-only match neither enables nor disables (the validator warns about it).
    [{ All: false, 'Marketo v2': true }, 'skip'],
    [{ 'marketo v2': false }, 'send'],
  ])('integrations %j -> %s', (integrations, kind) => {
    expect(planDelivery(track({ integrations }), SETTINGS).kind).toBe(kind);
  });

  it('skips before it rejects: a disabled screen call is skipped', () => {
    expect(
      planDelivery(ev({ type: 'screen', userId: 'u', integrations: { 'Marketo V2': false } }), SETTINGS).kind,
    ).toBe('skip');
  });

  it('reads dot paths', () => {
    expect(getPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(getPath({ a: 1 }, 'a.b')).toBeUndefined();
  });
});
