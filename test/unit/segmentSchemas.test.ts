import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SegmentEventSchema } from '../../shared/segment/schemas';
import {
  checkDocument,
  checkEventText,
  checkSingleEvent,
  parseJsonText,
  type Problem,
} from '../../shared/segment/validate';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../fixtures/invalid', name), 'utf8');

const base = { type: 'track', userId: 'user-1001', event: 'Webinar Registered' };

/** The single error of an invalid document. */
function onlyError(value: unknown): Problem {
  const check = checkDocument(value);
  expect(check.valid).toBe(false);
  expect(check.events).toEqual([]);
  expect(check.errors).toHaveLength(1);
  return check.errors[0]!;
}

describe('negative cases (issue 2, "Done when")', () => {
  it('no userId and no anonymousId', () => {
    const error = onlyError({ type: 'track', event: 'Webinar Registered' });
    expect(error.path).toBe('$.userId');
    expect(error.message).toMatch(/needs a "userId" or an "anonymousId"/);
  });

  it('a null userId without anonymousId', () => {
    expect(onlyError({ ...base, userId: null }).message).toMatch(/is null, so an "anonymousId" is required/);
  });

  it('track without event', () => {
    const error = onlyError({ type: 'track', userId: 'u' });
    expect(error).toEqual({ path: '$.event', message: expect.stringMatching(/^is required: a track needs/) });
    expect(onlyError({ ...base, event: '' }).message).toMatch(/^must not be empty/);
  });

  it('group without groupId', () => {
    expect(onlyError({ type: 'group', userId: 'u', traits: {} }).path).toBe('$.groupId');
  });

  it('alias without previousId, and without userId', () => {
    expect(onlyError({ type: 'alias', userId: 'u' }).path).toBe('$.previousId');
    const check = checkDocument({ type: 'alias', anonymousId: 'a' });
    expect(check.errors.map((e) => e.path)).toEqual(['$.userId', '$.previousId']);
  });

  it('a 101-character messageId (100 is fine)', () => {
    const error = onlyError({ ...base, messageId: 'm'.repeat(101) });
    expect(error.path).toBe('$.messageId');
    expect(error.message).toMatch(/at most 100 characters, got 101/);
    expect(checkDocument({ ...base, messageId: 'm'.repeat(100) }).valid).toBe(true);
  });

  it('a string in integrations', () => {
    expect(onlyError({ ...base, integrations: { Marketo: 'yes' } })).toEqual({
      path: '$.integrations.Marketo',
      message: 'must be true, false or an options object, got a string',
    });
    expect(onlyError({ ...base, integrations: { 'Marketo V2': 'no' } }).path).toBe(
      '$.integrations["Marketo V2"]',
    );
  });

  it('an unknown type lists the allowed ones', () => {
    expect(onlyError({ ...base, type: 'purchase' })).toEqual({
      path: '$.type',
      message: 'must be one of track, identify, page, screen, group, alias, got "purchase"',
    });
    expect(onlyError({ ...base, type: 7 }).message).toMatch(/got a number$/);
  });

  it('broken JSON says line and column', () => {
    const check = checkEventText(fixture('broken-json.txt'));
    expect(check.valid).toBe(false);
    expect(check.errors).toHaveLength(1);
    // The comma is missing at the end of line 3, after "user-1001".
    expect(check.errors[0]).toEqual({
      path: '$',
      message: "not valid JSON: line 3, column 24: a ',' is missing here, before the next property",
    });
  });

  it('a batch item is located by its index', () => {
    const check = checkEventText(fixture('batch-item-without-ids.json'));
    expect(check.errors).toEqual([{ path: '$.batch[1].userId', message: expect.any(String) }]);
  });

  it('lists every problem of one event at once', () => {
    const check = checkDocument({ type: 'track', messageId: 'm'.repeat(101), integrations: { X: 1 } });
    expect(check.errors.map((e) => e.path).sort()).toEqual(
      ['$.event', '$.integrations.X', '$.messageId', '$.userId'].sort(),
    );
  });
});

describe('requireType', () => {
  it('turns the inference into an error that says what to add', () => {
    const { type: _type, ...untyped } = base;
    expect(checkDocument(untyped).valid).toBe(true); // inferred, with a warning
    const strict = checkDocument(untyped, { requireType: true });
    expect(strict.valid).toBe(false);
    expect(strict.errors).toEqual([
      {
        path: '$.type',
        message:
          'is required: add "type": "track" (this body has "event"), or another of track, identify, page, screen, group, alias',
      },
    ]);
    expect(checkDocument(base, { requireType: true }).valid).toBe(true);
  });
});

describe('parseJsonText', () => {
  it.each([
    ['{"a": 1,}', 1, 9, /trailing comma before '}'/],
    ['{\n  "a": [1, 2,]\n}', 2, 14, /trailing comma before '\]'/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a": tru}', 1, 7, /unexpected word 'tru'/],
    ['', 1, 1, /empty/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ['{\n"a": {"b": [1, 2]', 2, 18, /opened at line 2, column 6 is not closed/],
    ['{"a" 1}', 1, 6, /expected ':'/],
    ['// note\n{}', 1, 1, /comments are not allowed/],
    ['{"a": "x\ny"}', 1, 9, /line break/],
    ['[01]', 1, 2, /number/],
  ])('%j fails at %i:%i', (text, line, column, reason) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ path: '$', line, column });
    expect(result.error.message).toContain(`line ${line}, column ${column}`);
    expect(result.error.message).toMatch(reason);
  });

  it('parses valid JSON, with or without a byte-order mark', () => {
    expect(parseJsonText('{"a": [1, "x", null, true, -1.5e3]}')).toEqual({
      ok: true,
      value: { a: [1, 'x', null, true, -1500] },
    });
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('what the schemas accept', () => {
  it('userId null next to an anonymousId', () => {
    expect(checkDocument({ ...base, userId: null, anonymousId: 'anon-1' }).valid).toBe(true);
  });

  it('version as number or string, but nothing else', () => {
    expect(checkDocument({ ...base, version: 2 }).valid).toBe(true);
    expect(checkDocument({ ...base, version: '1.1' }).valid).toBe(true);
    expect(onlyError({ ...base, version: true })).toEqual({
      path: '$.version',
      message: 'must be a number or a string, got true',
    });
  });

  it('null context sub-objects and unknown context keys pass; wrong types are located', () => {
    const context = { app: null, direct: true, protocols: { x: 1 }, library: { name: 'x', version: '1' } };
    expect(checkDocument({ ...base, context }).valid).toBe(true);
    expect(onlyError({ ...base, context: { library: { name: 3 } } })).toEqual({
      path: '$.context.library.name',
      message: 'must be a string (text in double quotes), got a number',
    });
    expect(onlyError({ ...base, context: { screen: { width: '320' } } }).path).toBe('$.context.screen.width');
    expect(onlyError({ ...base, context: { traits: [] } }).message).toBe('must be an object, got an array');
  });

  it('integration option objects count as valid', () => {
    expect(checkDocument({ ...base, integrations: { All: false, Amplitude: { session_id: 1 } } }).valid).toBe(
      true,
    );
  });

  it('timestamps must be strings; their format is only a warning', () => {
    expect(onlyError({ ...base, timestamp: 1700000000 }).path).toBe('$.timestamp');
    const check = checkDocument({ ...base, timestamp: '2015-2-02T00:30:08.276Z' });
    expect(check.valid).toBe(true);
    expect(check.warnings.map((w) => w.path)).toEqual(['$.timestamp']);
  });

  it('a document that is not an object, array or envelope', () => {
    expect(onlyError('hello').path).toBe('$');
    expect(onlyError([1]).path).toBe('$[0]');
    expect(onlyError({ batch: {} }).path).toBe('$.batch');
  });

  it('SegmentEventSchema discriminates on type and keeps unknown fields', () => {
    const parsed = SegmentEventSchema.parse({ ...base, extra: 1 });
    expect(parsed).toMatchObject({ type: 'track', event: 'Webinar Registered', extra: 1 });
    expect(SegmentEventSchema.safeParse({ type: 'group', userId: 'u' }).success).toBe(false);
  });
});

describe('type injection and inference', () => {
  const body = { userId: 'u', event: 'Webinar Registered' };

  it('infers track from "event", with a warning that says so', () => {
    const check = checkDocument(body);
    expect(check.valid).toBe(true);
    expect(check.events[0]?.type).toBe('track');
    expect(check.warnings).toEqual([
      {
        path: '$.type',
        message:
          'no "type"; treated as track because it has "event" (HTTP API bodies take the type from the endpoint)',
      },
    ]);
  });

  it.each([
    [{ userId: 'u', previousId: 'p' }, 'alias'],
    [{ userId: 'u', groupId: 'g' }, 'group'],
    [{ userId: 'u', traits: {} }, 'identify'],
  ])('infers %j as %s', (value, type) => {
    expect(checkDocument(value).events[0]?.type).toBe(type);
  });

  it('impliedType injects silently', () => {
    const check = checkDocument({ userId: 'u', traits: { email: 'a@b.co' } }, { impliedType: 'identify' });
    expect(check).toMatchObject({ valid: true, warnings: [], events: [{ type: 'identify' }] });
  });

  it('nothing to infer from is an error at $.type', () => {
    expect(onlyError({ userId: 'u' }).path).toBe('$.type');
  });
});

describe('batch envelopes and arrays', () => {
  it('merges envelope context and integrations into each item; the item wins', () => {
    const check = checkDocument({
      batch: [
        { type: 'identify', userId: 'a', context: { locale: 'nl-NL' } },
        { type: 'track', userId: 'b', event: 'E', integrations: { All: true } },
      ],
      context: { locale: 'en-US', device: { type: 'phone' } },
      integrations: { All: false },
      writeKey: 'k',
    });
    expect(check.valid).toBe(true);
    expect(check.events).toHaveLength(2);
    expect(check.events[0]?.context).toEqual({ locale: 'nl-NL', device: { type: 'phone' } });
    expect(check.events[0]?.integrations).toEqual({ All: false });
    expect(check.events[1]?.integrations).toEqual({ All: true });
  });

  it('envelope fields are checked too', () => {
    const check = checkDocument({ batch: [base], integrations: { All: 'no' } });
    expect(check.errors.map((e) => e.path)).toEqual(['$.integrations.All']);
  });

  it('an array of events', () => {
    expect(checkDocument([base, { ...base, type: 'page', event: undefined }]).events).toHaveLength(2);
  });
});

describe('checkSingleEvent', () => {
  it('returns the one event', () => {
    const check = checkSingleEvent([base]);
    expect(check.valid).toBe(true);
    expect(check.event).toMatchObject(base);
  });

  it('refuses more or fewer than one event', () => {
    expect(checkSingleEvent([base, base]).errors).toEqual([
      { path: '$', message: 'holds 2 events; sending takes exactly one event' },
    ]);
    expect(checkSingleEvent({ batch: [] })).toMatchObject({ valid: false, errors: [{ path: '$' }] });
  });

  it('passes the document errors through', () => {
    const check = checkSingleEvent({ type: 'track', userId: 'u' });
    expect(check.valid).toBe(false);
    expect(check.event).toBeUndefined();
    expect(check.errors[0]?.path).toBe('$.event');
  });
});
