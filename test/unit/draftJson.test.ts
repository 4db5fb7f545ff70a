import { describe, expect, it } from 'vitest';
import { readJsonDocument } from '../../shared/json/document';
import { applyTextEdits, edit } from '../../shared/json/edit';
import type { JsonPath } from '../../shared/json/path';
import { withValueAt } from '../../shared/json/value';
import { findingsAt, readDraft, viewOfJson } from '../../renderer/src/features/builder/builderModel';
import { checkDraft } from '../../renderer/src/features/editor/draftCheck';

/** Issue 9: the Builder reuses the draft check's parse, and follows its own edits without a parse. */
describe('the draft as JSON, read once', () => {
  it.each([
    ['', 'empty'],
    ['{"type": "track", "event": }', 'unreadable'],
    ['{"type": "track", "type": "page"}', 'unreadable'],
    ['{"type": "track", "event": "E", "userId": "u"}', 'value'],
    ['[1]', 'value'],
  ])('%j: the check carries it, and the Builder shows the same as reading the text itself', (text, kind) => {
    const checked = checkDraft(text);
    expect(checked.json.kind).toBe(kind);
    expect(checked.json).toEqual(readJsonDocument(text));
    expect(viewOfJson(checked.json)).toEqual(readDraft(text));
  });

  it('a key given twice names its place', () => {
    const json = readJsonDocument('{"a": 1, "a": 2}');
    expect(json).toMatchObject({ kind: 'unreadable', duplicateKey: true, path: '$.a' });
    expect(viewOfJson(json)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^\$\.a: /) });
  });
});

describe('withValueAt follows an edit as the text edit does', () => {
  const text = JSON.stringify(
    {
      type: 'track',
      event: 'E',
      userId: 'u',
      properties: { a: 1, list: [1, 2, 3] },
      context: {},
    },
    null,
    2,
  );
  const cases: [JsonPath, unknown][] = [
    [['userId'], 'u2'],
    [['anonymousId'], 'anon'],
    [['userId'], undefined],
    [['properties', 'a'], { nested: true }],
    [['properties', 'b'], 'new'],
    [['properties', 'list', 1], 'two'],
    [['context', 'page', 'url'], 'https://example.com'],
    [['timestamp'], undefined],
    [['integrations', 'Marketo V2'], false],
  ];
  it.each(cases)('%j = %j', (path, value) => {
    const before = readJsonDocument(text);
    if (before.kind !== 'value') throw new Error('unreadable fixture');
    const after = readJsonDocument(applyTextEdits(text, edit(text, path, value)));
    if (after.kind !== 'value') throw new Error('the edit broke the JSON');
    const followed = withValueAt(before.value, path, value);
    expect(followed).toEqual(after.value);
    // Same keys in the same order, as the form lists them.
    expect(JSON.stringify(followed)).toBe(JSON.stringify(after.value));
  });

  it('copies only the containers on the path and never touches a prototype', () => {
    const root = { a: { b: 1 }, c: { d: 2 } };
    const next = withValueAt(root, ['a', 'b'], 3) as typeof root;
    expect(next.c).toBe(root.c);
    expect(root.a.b).toBe(1);
    const proto = withValueAt({}, ['__proto__'], { polluted: true }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.hasOwn(proto, '__proto__')).toBe(true);
  });

  it('is null where it cannot follow (through a non-container), so the caller reads the text', () => {
    expect(withValueAt({ a: 1 }, ['a', 'b'], 2)).toBeNull();
    expect(withValueAt({ a: [1] }, ['a', 5], 2)).toBeNull();
  });
});

describe('findings beside their field', () => {
  const f = (path: string) => ({ severity: 'warning' as const, path, message: path });
  const all = [
    f('$'),
    f('$.event'),
    f('$.properties.email'),
    f('$.properties.items[0].sku'),
    f('$.integrations["Marketo V2"]'),
  ];
  it('at a field: its path only; within a section or row: what is inside it too', () => {
    expect(findingsAt(all, ['event']).map((x) => x.path)).toEqual(['$.event']);
    expect(findingsAt(all, ['properties'])).toEqual([]);
    expect(findingsAt(all, ['properties', 'items'], true).map((x) => x.path)).toEqual([
      '$.properties.items[0].sku',
    ]);
    expect(findingsAt(all, ['integrations'], true).map((x) => x.path)).toEqual([
      '$.integrations["Marketo V2"]',
    ]);
    expect(findingsAt(all, ['properties', 'e'], true)).toEqual([]);
  });
});
