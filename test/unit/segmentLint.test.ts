import { describe, expect, it } from 'vitest';
import { isRfc3339, lintEnvelope, lintEvent } from '../../shared/segment/lint';
import { checkDocument } from '../../shared/segment/validate';

const now = new Date('2026-03-01T12:00:00Z');
const track = { type: 'track', userId: 'u', event: 'Webinar Registered' };
const warnings = (value: unknown) => checkDocument(value, { now }).warnings;
const paths = (value: unknown) => warnings(value).map((w) => w.path);

describe('timestamps', () => {
  it.each([
    ['2015-12-12T19:11:01.266Z', true],
    ['2018-09-05T23:05:25.862826965Z', true],
    ['2024-05-01T12:00:00+02:00', true],
    ['2015-2-02T00:30:08.276Z', false],
    ['2024-05-01 12:00:00Z', false],
    ['2024-05-01T12:00:00', false],
    ['2024-13-01T12:00:00Z', false],
    ['yesterday', false],
  ])('isRfc3339(%s) is %s', (value, expected) => {
    expect(isRfc3339(value)).toBe(expected);
  });

  it('warns on each non-RFC-3339 timestamp field, and on a timestamp in the future', () => {
    // receivedAt 'x' is not a date at all: an error from the validator (timestampErrors), not a warning.
    expect(
      paths({ ...track, timestamp: '2015-2-02T00:30:08Z', sentAt: '2015-02-02', receivedAt: 'x' }),
    ).toEqual(['$.timestamp', '$.sentAt']);
    expect(warnings({ ...track, timestamp: '2026-03-02T12:00:00Z' })).toEqual([
      { path: '$.timestamp', message: expect.stringMatching(/in the future/) },
    ]);
    expect(paths({ ...track, timestamp: '2026-03-01T12:01:00Z' })).toEqual([]);
  });
});

describe('reserved traits and properties', () => {
  it('company as a string, age as a string, birthday not a date', () => {
    const event = {
      type: 'identify',
      userId: 'u',
      traits: { company: 'Segment.com', age: '26', birthday: 'soon', address: { city: 'x' }, id: 7 },
    };
    expect(warnings(event)).toEqual([
      { path: '$.traits.age', message: 'is a reserved trait that should be a number, got a string' },
      { path: '$.traits.birthday', message: expect.stringMatching(/ISO-8601 date string, got a string/) },
      { path: '$.traits.company', message: expect.stringMatching(/should be an object .*, got a string$/) },
    ]);
  });

  it('revenue not a number on a track; keywords not an array on a page', () => {
    expect(paths({ ...track, properties: { revenue: '$22.50', currency: 'USD', value: 3 } })).toEqual([
      '$.properties.revenue',
    ]);
    const page = { type: 'page', userId: 'u', properties: { keywords: 'a, b', url: 'https://x.io/' } };
    expect(paths(page)).toEqual(['$.properties.keywords']);
    expect(paths({ ...page, properties: { keywords: ['a', 'b'] } })).toEqual([]);
  });

  it('group traits: employees may be a number; null clears a trait on purpose', () => {
    const group = { type: 'group', userId: 'u', groupId: 'g', traits: { employees: 329, name: null } };
    expect(paths(group)).toEqual([]);
    expect(paths({ ...group, traits: { address: 'Main St' } })).toEqual(['$.traits.address']);
  });

  it('context.traits on a track are user traits', () => {
    expect(paths({ ...track, context: { traits: { email: 42 } } })).toEqual(['$.context.traits.email']);
  });
});

describe('other rules', () => {
  it('camelCase and snake_case twins', () => {
    const event = {
      type: 'identify',
      userId: 'u',
      traits: { firstName: 'Ada', first_name: 'Ada', last_name: 'L' },
    };
    expect(warnings(event)).toEqual([
      {
        path: '$.traits.first_name',
        message:
          '"firstName" and "first_name" are both set; destinations will treat them as two different fields',
      },
    ]);
  });

  it('unknown top-level fields say where the data belongs', () => {
    const found = warnings({ ...track, email: 'a@b.co', plan: 'pro', traits: {} });
    expect(found.map((w) => w.path)).toEqual(['$.email', '$.plan', '$.traits']);
    expect(found[0]?.message).toMatch(/did you mean "context.traits.email"\?/);
    expect(found[1]?.message).toMatch(/custom data belongs in "properties"/);
    expect(found[2]?.message).toMatch(/is a field of identify and group calls, not of track/);
    expect(paths({ ...track, writeKey: 'k', _metadata: {} })).toEqual([]);
  });

  it('integration keys that match a destination only case-insensitively', () => {
    const integrations = {
      'Marketo v2': false,
      all: false,
      'Segment.IO': true,
      'Marketo V2': true,
      Custom: true,
    };
    expect(paths({ ...track, integrations })).toEqual([
      '$.integrations["Marketo v2"]',
      '$.integrations.all',
      '$.integrations["Segment.IO"]',
    ]);
  });

  it('placeholders copied from docs', () => {
    expect(
      paths({ ...track, properties: { when: '<Timestamp>', items: ['<SKU>'], text: 'a <b> c' } }),
    ).toEqual(['$.properties.when', '$.properties.items[0]']);
  });

  it('a page url that is not absolute', () => {
    const page = { type: 'page', userId: 'u', properties: { url: '/pricing' } };
    expect(paths(page)).toEqual(['$.properties.url']);
    expect(paths({ ...page, properties: { url: 'https://www.example.com/pricing' } })).toEqual([]);
    // Only pages: Marketo records page visits from properties.url.
    expect(paths({ ...track, properties: { url: '/pricing' } })).toEqual([]);
  });

  it('a message over 32 KB, counted in UTF-8 bytes', () => {
    const event = { ...track, properties: { text: 'é'.repeat(17_000) } };
    expect(warnings(event)).toEqual([{ path: '$', message: expect.stringMatching(/over 32 KB/) }]);
    expect(paths({ ...track, properties: { text: 'e'.repeat(17_000) } })).toEqual([]);
  });

  it('a batch over 2,500 items or 500 KB', () => {
    const items = Array.from({ length: 2501 }, () => ({ type: 'track', userId: 'u', event: 'E' }));
    expect(lintEnvelope({ batch: items }, { now }).map((w) => w.path)).toEqual(['$.batch']);
    const big = Array.from({ length: 20 }, () => ({ ...track, properties: { text: 'x'.repeat(30_000) } }));
    expect(lintEnvelope({ batch: big }, { now })).toEqual([
      { path: '$', message: expect.stringMatching(/over 500 KB/) },
    ]);
  });

  it('unknown envelope fields and envelope integrations', () => {
    expect(
      lintEnvelope({
        batch: [],
        writeKey: 'k',
        sentAt: '2015-2-02T00:00:00Z',
        extra: 1,
        integrations: { all: false },
      }),
    ).toEqual([
      { path: '$.extra', message: expect.stringMatching(/not a batch envelope field/) },
      { path: '$.sentAt', message: expect.stringMatching(/not a strict ISO-8601/) },
      { path: '$.integrations.all', message: expect.stringMatching(/"All"/) },
    ]);
  });

  it('lintEvent locates warnings under the path it is given', () => {
    expect(lintEvent({ ...track, email: 'x' }, 'track', '$.batch[3]', { now })).toEqual([
      { path: '$.batch[3].email', message: expect.any(String) },
    ]);
  });
});
