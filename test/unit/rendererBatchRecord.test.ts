import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../shared/interaction';
import {
  ownLookupValue,
  ownRecordPlace,
  recordLines,
  type RecordPlace,
} from '../../renderer/src/features/lifecycle/batchRecord';
import { prettyBody } from '../../renderer/src/features/lifecycle/outcome';
import { blockMembers, findFolds, memberKey } from '../../renderer/src/ui/jsonFolds';

/** This event's record inside a batched call's bodies, found in the text the body viewer shows. */
const exchange = (
  step: Interaction['step'],
  batch: Interaction['batch'],
  request: Partial<Interaction['request']> = {},
  responseBody: unknown = undefined,
): Interaction => ({
  step,
  attempt: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
  request: { method: 'POST', url: 'http://127.0.0.1:1/rest/v1/x.json', headers: {}, ...request },
  response: { status: 200, headers: {}, body: responseBody },
  error: null,
  ...(batch ? { batch } : {}),
});

const activity = (leadId: number, webinar: string) => ({
  leadId,
  activityDate: '2026-01-01T00:00:00Z',
  activityTypeId: 100101,
  primaryAttributeValue: webinar,
  attributes: [{ apiName: 'seats', value: 2 }],
});

/** The text of the marked lines, so a test reads what a user would see highlighted. */
function marked(text: string | null, place: RecordPlace): string {
  if (place.kind !== 'lines' || text === null) return `(${place.kind})`;
  return text
    .split('\n')
    .slice(place.lines.start, place.lines.end + 1)
    .join('\n');
}

describe('this event’s record in a batched body', () => {
  const activities = { input: [activity(1, 'First'), activity(2, 'Second'), activity(3, 'Third')] };

  it('marks the n-th record of an activities post’s input, from its first line to its last', () => {
    const post = exchange('activity-post', { index: 1, records: 3 }, { body: activities });
    const text = prettyBody(post.request.body);
    const place = ownRecordPlace(post, 'request', text);
    expect(marked(text, place)).toBe(
      JSON.stringify(activity(2, 'Second'), null, 2).replace(/^/gm, '    ') + ',',
    );
    expect(place).toMatchObject({ kind: 'lines', lines: { start: 14, end: 25 } });
  });

  it('marks the n-th record of a leads upsert’s input (after the other members), and an empty one', () => {
    const upsert = {
      action: 'createOrUpdate',
      lookupField: 'email',
      input: [{ email: 'a@example.org', firstName: 'Ada' }, {}, { email: 'c@example.org' }],
    };
    const text = prettyBody(upsert);
    const first = exchange('lead-upsert', { index: 0, records: 3 }, { body: upsert });
    expect(marked(text, ownRecordPlace(first, 'request', text))).toBe(
      '    {\n      "email": "a@example.org",\n      "firstName": "Ada"\n    },',
    );
    // An empty record prints as one line: it is still the second item.
    const second = exchange('lead-upsert', { index: 1, records: 3 }, { body: upsert });
    expect(marked(text, ownRecordPlace(second, 'request', text))).toBe('    {},');
  });

  it('marks the n-th entry of the response’s result, which answers the records by position', () => {
    const answer = {
      requestId: 'r1',
      success: true,
      result: [
        { id: 1, status: 'added' },
        { id: 2, status: 'skipped', errors: [{ code: '1004', message: 'Lead not found' }] },
        { id: 3, status: 'added' },
      ],
    };
    const post = exchange('activity-post', { index: 1, records: 3 }, { body: activities }, answer);
    const text = prettyBody(post.response!.body);
    const place = ownRecordPlace(post, 'response', text);
    expect(marked(text, place)).toContain('"status": "skipped"');
    expect(marked(text, place)).toContain('"message": "Lead not found"');
    expect(marked(text, place)).not.toContain('"id": 3');
    // Marketo answers with a JSON string body as often as not: the pretty text is the same.
    expect(ownRecordPlace(post, 'response', prettyBody(JSON.stringify(answer)))).toEqual(place);
  });

  it('marks nothing for an index outside the array, a body without it, or text that is not JSON', () => {
    const text = prettyBody(activities);
    expect(recordLines(text, 'input', 3, 3)).toEqual({ kind: 'none' });
    expect(recordLines(text, 'result', 0, 3)).toEqual({ kind: 'none' });
    expect(recordLines('<html>502 Bad Gateway</html>', 'input', 0, 1)).toEqual({ kind: 'none' });
    expect(recordLines('{"input": [1, 2', 'input', 0, 2)).toEqual({ kind: 'none' });
    expect(recordLines(null, 'input', 0, 1)).toEqual({ kind: 'none' });
    // A top-level array, or `input` that is an object, is not a batch's record list.
    expect(recordLines(prettyBody([activities]), 'input', 0, 3)).toEqual({ kind: 'none' });
    expect(recordLines(prettyBody({ input: { a: 1, b: 2 } }), 'input', 0, 2)).toEqual({ kind: 'none' });
  });

  it('finds the record in a re-post (only the records a read-back did not find) by its content', () => {
    const whole = exchange('activity-post', { index: 2, records: 3 }, { body: activities });
    const lostAnswer = { ...whole, response: null };
    const read = exchange('activity-read', { index: 2, records: 3 }, {}, { result: [] });
    // The read-back found the first record: the re-post carries the second and third, this one second.
    const carried = { input: [activity(2, 'Second'), activity(3, 'Third')] };
    const answer = {
      result: [
        { id: 8, status: 'added' },
        { id: 9, status: 'added' },
      ],
    };
    const repost = exchange('activity-post', { index: 2, records: 3 }, { body: carried }, answer);
    const lifecycle = [lostAnswer, read, repost];
    const request = prettyBody(carried);
    expect(marked(request, ownRecordPlace(repost, 'request', request, lifecycle))).toContain('"Third"');
    const response = prettyBody(answer);
    expect(marked(response, ownRecordPlace(repost, 'response', response, lifecycle))).toContain('"id": 9');
    // The first event's record was found by the read-back: not in this re-post at all.
    const first = { ...repost, batch: { index: 0, records: 3 } };
    const firstsWhole = { ...lostAnswer, batch: { index: 0, records: 3 } };
    expect(ownRecordPlace(first, 'request', request, [firstsWhole, first])).toEqual({
      kind: 'not-carried',
      count: 2,
    });
    // With no whole post before it to compare with, it says only how many records the re-post held.
    expect(ownRecordPlace(repost, 'request', request, [repost])).toEqual({ kind: 'other-count', count: 2 });
    expect(ownRecordPlace(repost, 'request', request)).toEqual({ kind: 'other-count', count: 2 });
  });

  it('marks nothing in an exchange that was not batched, or whose body does not list records', () => {
    const single = exchange('activity-post', undefined, { body: activities });
    expect(ownRecordPlace(single, 'request', prettyBody(activities))).toEqual({ kind: 'none' });
    // A read-back's result lists stored activities, not this batch's records by position.
    const read = exchange(
      'activity-read',
      { index: 0, records: 3 },
      {},
      { result: [{ id: 1 }, { id: 2 }, { id: 3 }] },
    );
    expect(ownRecordPlace(read, 'response', prettyBody(read.response!.body))).toEqual({ kind: 'none' });
  });

  it('finds a batched lookup’s value in the query or, sent as POST with _method=GET, in the form body', () => {
    const query =
      'filterType=email&filterValues=a%40example.org%2Cb%40example.org%2Cc%40example.org&fields=id';
    const get = exchange(
      'lead-lookup',
      { index: 1, records: 3 },
      { method: 'GET', url: `http://h/rest/v1/leads.json?${query}` },
    );
    expect(ownLookupValue(get)).toBe('b@example.org');
    const post = exchange(
      'lead-lookup',
      { index: 2, records: 3 },
      {
        url: 'http://h/rest/v1/leads.json?_method=GET',
        body: query,
      },
    );
    expect(ownLookupValue(post)).toBe('c@example.org');
    expect(ownLookupValue(exchange('lead-lookup', { index: 0, records: 2 }, { body: query }))).toBeNull();
    expect(ownLookupValue(exchange('lead-lookup', undefined, { url: `http://h/x?${query}` }))).toBeNull();
  });
});

describe('members of a folded block', () => {
  it('lists an object’s members and an array’s items, one-line ones included, with their keys', () => {
    const lines = JSON.stringify({ a: 1, b: [1, { c: 2 }, []], 'd"e': {} }, null, 2).split('\n');
    const folds = findFolds(lines);
    const root = blockMembers(folds, folds.list[0]!)!;
    expect(root.map((m) => memberKey(lines[m.start]!))).toEqual(['a', 'b', 'd"e']);
    const b = folds.list.find((f) => f.start === root[1]!.start)!;
    expect(
      blockMembers(folds, b)!.map((m) =>
        lines
          .slice(m.start, m.end + 1)
          .join('')
          .trim(),
      ),
    ).toEqual(['1,', '{      "c": 2    },', '[]']);
    expect(memberKey('    "x:y",')).toBeNull();
  });

  it('gives up on a block printed several members to a line', () => {
    const lines = ['{', '  "a": 1, "b": 2', '}'];
    const folds = findFolds(lines);
    expect(blockMembers(folds, folds.list[0]!)).toBeNull();
  });
});
