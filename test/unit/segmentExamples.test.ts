import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventText } from '../../shared/segment/validate';

/**
 * Every payload in ../shared/examples/segment-docs must come out as its README says: valid, with
 * exactly the warnings named there (and, for bodies without "type", the note that it was inferred).
 */
const EXAMPLES = path.resolve(__dirname, '../../../shared/examples/segment-docs');
const present = existsSync(EXAMPLES);
if (!present) console.warn(`segment examples skipped: ${EXAMPLES} does not exist`);

const INFERRED = (type: string, field: string) =>
  `no "type"; treated as ${type} because it has "${field}" (HTTP API bodies take the type from the endpoint)`;

/** Expected warnings by file prefix: [path, message pattern]. Files not listed expect none. */
const EXPECTED: Record<string, Array<[string, RegExp | string]>> = {
  '09': [
    ['$.batch[2].timestamp', /not a strict ISO-8601 date-time/],
    ['$.batch[3].timestamp', /not a strict ISO-8601 date-time/],
  ],
  '10': [
    ['$.type', INFERRED('track', 'event')],
    ['$.email', /not a Segment field/],
  ],
  '14': [
    ['$.type', INFERRED('identify', 'traits')],
    ['$.integrations.Amplitude.session_id', /placeholder \("<Timestamp>"\)/],
  ],
  '15': [['$.traits.company', /reserved trait that should be an object/]],
  '16': [['$.properties.url', /not an absolute URL/]],
  '17': [['$.integrations["Marketo v2"]', /exactly match the destination name "Marketo V2"/]],
  '18': [['$.forwardedFromProject', /not a Segment field/]],
};
const EVENT_COUNTS: Record<string, number> = { '09': 4 };

const files = present ? readdirSync(EXAMPLES).filter((name) => name.endsWith('.json')) : [];

describe.skipIf(!present)('segment-docs examples', () => {
  it('are all here', () => {
    expect(files).toHaveLength(18);
  });

  it.each(files)('%s is valid with the README warnings', (name) => {
    const check = checkEventText(readFileSync(path.join(EXAMPLES, name), 'utf8'), {
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const prefix = name.slice(0, 2);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.events).toHaveLength(EVENT_COUNTS[prefix] ?? 1);
    const expected = EXPECTED[prefix] ?? [];
    expect(check.warnings.map((w) => w.path)).toEqual(expected.map(([warningPath]) => warningPath));
    expected.forEach(([, message], index) => {
      const actual = check.warnings[index]!.message;
      if (typeof message === 'string') expect(actual).toBe(message);
      else expect(actual).toMatch(message);
    });
  });

  it('bodies without type take it from the endpoint silently', () => {
    const text = readFileSync(path.join(EXAMPLES, '10-http-api-track-writekey-in-body-no-type.json'), 'utf8');
    const check = checkEventText(text, { impliedType: 'track' });
    expect(check.warnings.map((w) => w.path)).toEqual(['$.email']);
    expect(check.events[0]?.type).toBe('track');
  });

  it('the batch example merges its envelope context into every item', () => {
    const text = readFileSync(path.join(EXAMPLES, '09-http-api-batch-envelope.json'), 'utf8');
    const { events } = checkEventText(text);
    for (const event of events)
      expect(event.context?.device).toEqual({ type: 'phone', name: 'Apple iPhone 6' });
  });
});
