import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, sandboxDefaultSettings } from '../../electron/core/sandbox/seed';
import type { CatalogActivityType } from '../../shared/profiles';
import {
  lintForMarketo,
  lintManyForMarketo,
  MARKETO_RULES,
  nearest,
  type MarketoRule,
} from '../../shared/segment/marketoLint';
import { DestinationSettingsSchema } from '../../shared/settings';

/** Every Marketo rule with an event that passes it and one that fails it (sandbox settings). */
const settings = sandboxDefaultSettings();
const activityTypes = ACTIVITY_TYPES as unknown as CatalogActivityType[];
const UA = 'Mozilla/5.0';
const track = (extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Webinar Registered',
  userId: 'u-1',
  properties: { webinar: 'Masterclass', seats: 2 },
  ...extra,
});
const page = (extra: Record<string, unknown> = {}) => ({
  type: 'page',
  userId: 'u-1',
  properties: { url: 'https://www.example.com/pricing' },
  context: { userAgent: UA },
  ...extra,
});

const rules = (event: unknown, options: Parameters<typeof lintForMarketo>[2] = {}, s = settings) =>
  lintForMarketo(event, s, { activityTypes, ...options }).map((f) => f.rule);

const CASES: Record<
  MarketoRule,
  { pass: () => string[]; fail: () => string[]; severity: string; path: string }
> = {
  'excluded-by-integrations': {
    pass: () => rules(track({ integrations: { All: false, 'Marketo V2': true } })),
    fail: () => rules(track({ integrations: { 'Marketo V2': false } })),
    severity: 'info',
    path: '$.integrations["Marketo V2"]',
  },
  'unsupported-call': {
    pass: () => rules({ type: 'identify', userId: 'u-1' }),
    fail: () => rules({ type: 'group', userId: 'u-1', groupId: 'g' }),
    severity: 'error',
    path: '$.type',
  },
  'unmapped-event': {
    pass: () => rules(track()),
    fail: () => rules(track({ event: 'Webinar Registred' })),
    severity: 'error',
    path: '$.event',
  },
  'page-not-mapped': {
    pass: () => rules(page()),
    fail: () => rules(page(), {}, DestinationSettingsSchema.parse({ ...settings, page: null })),
    severity: 'error',
    path: '$.type',
  },
  'primary-missing': {
    pass: () => rules(track()),
    fail: () => rules(track({ properties: { webinar: '', seats: 1 } })),
    severity: 'error',
    path: '$.properties.webinar',
  },
  'attribute-type': {
    pass: () => rules(track({ properties: { webinar: 'W', seats: '3' } })),
    fail: () => rules(track({ properties: { webinar: 'W', seats: 'two' } })),
    severity: 'error',
    path: '$.properties.seats',
  },
  'nested-object': {
    pass: () => rules(track({ properties: { webinar: 'W', channel: 'email' } })),
    fail: () => rules(track({ properties: { webinar: 'W', channel: { name: 'email' } } })),
    severity: 'warning',
    path: '$.properties.channel',
  },
  'no-identifier': {
    pass: () => rules({ type: 'identify', traits: { email: 'a@example.com' }, userId: 'u' }),
    fail: () => rules({ type: 'identify', userId: '  ', traits: {} }),
    severity: 'error',
    path: '$',
  },
  'anonymous-only': {
    pass: () => rules(track({ anonymousId: 'a-1' })),
    fail: () => rules({ ...track(), userId: undefined, anonymousId: 'a-1' }),
    severity: 'error',
    path: '$.userId',
  },
  'page-url': {
    pass: () => rules(page()),
    fail: () => rules(page({ properties: { url: '/pricing' } })),
    severity: 'error',
    path: '$.properties.url',
  },
  'page-user-agent': {
    pass: () => rules(page()),
    fail: () => rules(page({ context: {} })),
    severity: 'warning',
    path: '$.context.userAgent',
  },
  'duplicate-message-id': {
    pass: () => rules(track({ messageId: 'm-2' }), { seenMessageIds: new Set(['m-1']) }),
    fail: () => rules(track({ messageId: 'm-1' }), { seenMessageIds: new Set(['m-1']) }),
    severity: 'error',
    path: '$.messageId',
  },
};

describe('Marketo-aware lint', () => {
  it('has a case for every rule', () => {
    expect(Object.keys(CASES).sort()).toEqual([...MARKETO_RULES].sort());
  });

  it.each(MARKETO_RULES)('%s: passes a good event and flags a bad one', (rule) => {
    const c = CASES[rule];
    expect(c.pass()).not.toContain(rule);
    expect(c.fail()).toContain(rule);
  });

  it.each(MARKETO_RULES)('%s: has its severity, path and a fix', (rule) => {
    const c = CASES[rule];
    // Re-run the failing case and read the finding itself.
    const finding = findFailing(rule);
    expect(finding).toMatchObject({ severity: c.severity, path: c.path });
    expect(finding.fix.length).toBeGreaterThan(10);
  });

  it('an unmapped event names the nearest mapped one', () => {
    const [finding] = lintForMarketo(track({ event: 'webinar registered' }), settings);
    expect(finding?.fix).toMatch(/Did you mean "Webinar Registered"/);
    expect(nearest('Order Completed', ['Webinar Registered', 'Trial Started'])).toBeNull();
  });

  it('an excluded event gets only the info', () => {
    expect(rules({ type: 'screen', integrations: { All: false } })).toEqual(['excluded-by-integrations']);
  });

  it('tracks messageIds across a batch', () => {
    const events = [track({ messageId: 'x' }), track({ messageId: 'x' })].map((event, i) => ({
      event,
      base: `$.batch[${i}]`,
    }));
    const findings = lintManyForMarketo(events, settings);
    expect(findings.map((f) => f.path)).toEqual(['$.batch[1].messageId']);
  });

  it('a valid template event has no findings', () => {
    expect(rules(track())).toEqual([]);
    expect(rules(page())).toEqual([]);
  });
});

function findFailing(rule: MarketoRule) {
  const runs: Record<MarketoRule, () => ReturnType<typeof lintForMarketo>> = {
    'excluded-by-integrations': () =>
      lintForMarketo(track({ integrations: { 'Marketo V2': false } }), settings),
    'unsupported-call': () => lintForMarketo({ type: 'group', userId: 'u-1', groupId: 'g' }, settings),
    'unmapped-event': () => lintForMarketo(track({ event: 'Webinar Registred' }), settings),
    'page-not-mapped': () =>
      lintForMarketo(page(), DestinationSettingsSchema.parse({ ...settings, page: null })),
    'primary-missing': () => lintForMarketo(track({ properties: { webinar: '' } }), settings),
    'attribute-type': () =>
      lintForMarketo(track({ properties: { webinar: 'W', seats: 'two' } }), settings, { activityTypes }),
    'nested-object': () =>
      lintForMarketo(track({ properties: { webinar: 'W', channel: { a: 1 } } }), settings),
    'no-identifier': () => lintForMarketo({ type: 'identify', userId: '  ' }, settings),
    'anonymous-only': () => lintForMarketo({ ...track(), userId: undefined, anonymousId: 'a' }, settings),
    'page-url': () => lintForMarketo(page({ properties: { url: '/pricing' } }), settings),
    'page-user-agent': () => lintForMarketo(page({ context: {} }), settings),
    'duplicate-message-id': () =>
      lintForMarketo(track({ messageId: 'm' }), settings, { seenMessageIds: new Set(['m']) }),
  };
  const finding = runs[rule]().find((f) => f.rule === rule);
  if (!finding) throw new Error(`no ${rule} finding`);
  return finding;
}
