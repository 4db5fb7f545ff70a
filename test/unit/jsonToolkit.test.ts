import { describe, expect, it } from 'vitest';
import { applyTextEdits, detectFormatting, edit, locate } from '../../shared/json/edit';
import { appendPath, formatPath, fromDotPath, parsePath } from '../../shared/json/path';
import { isRecord, valueAt } from '../../shared/json/value';

describe('one path type, one printed form', () => {
  it('prints and parses back, brackets for keys that are not identifiers', () => {
    const path = ['integrations', 'Marketo v2', 'batch', 1, 'a"b'];
    const printed = formatPath(path);
    expect(printed).toBe('$.integrations["Marketo v2"].batch[1]["a\\"b"]');
    expect(parsePath(printed)).toEqual(path);
    expect(appendPath('$.a', 'b', 0)).toBe('$.a.b[0]');
    expect(parsePath('$')).toEqual([]);
    expect(parsePath('a.b')).toBeNull();
    expect(fromDotPath('traits.address.city')).toEqual(['traits', 'address', 'city']);
  });

  it('reads values by own keys only', () => {
    const value = JSON.parse('{"a": {"b": [1, {"c": 2}]}, "__proto__": {"x": 1}}') as unknown;
    expect(valueAt(value, ['a', 'b', 1, 'c'])).toBe(2);
    expect(valueAt(value, ['a', 'b', '1', 'c'])).toBe(2);
    expect(valueAt(value, ['a', 'b', 'length'])).toBeUndefined();
    expect(valueAt({}, ['constructor'])).toBeUndefined();
    expect(valueAt({}, ['toString'])).toBeUndefined();
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord({})).toBe(true);
  });
});

describe('edit: minimal text edits', () => {
  const text = '{\n    "type": "track",   "event": "A",\n    "properties": {"x": 1}\n}\n';

  it('changes one value and leaves every other character alone', () => {
    const next = applyTextEdits(text, edit(text, ['event'], 'Signed Up'));
    expect(next).toBe(text.replace('"A"', '"Signed Up"'));
  });

  it('adds a member last, indented like its neighbours, and removes one', () => {
    const added = applyTextEdits(text, edit(text, ['userId'], 'u-1'));
    expect(added).toBe(
      '{\n    "type": "track",   "event": "A",\n    "properties": {"x": 1},\n    "userId": "u-1"\n}\n',
    );
    const removed = applyTextEdits(added, edit(added, ['userId'], undefined));
    expect(JSON.parse(removed)).toEqual(JSON.parse(text));
    const nested = applyTextEdits(text, edit(text, ['properties', 'y'], true));
    expect(JSON.parse(nested)).toEqual({ type: 'track', event: 'A', properties: { x: 1, y: true } });
    expect(nested.startsWith('{\n    "type": "track",   "event": "A",')).toBe(true);
  });

  it('reads the indentation and line ending in use', () => {
    expect(detectFormatting('{\n\t"a": 1\n}')).toMatchObject({ insertSpaces: false });
    expect(detectFormatting('{\r\n  "a": 1\r\n}')).toMatchObject({
      insertSpaces: true,
      tabSize: 2,
      eol: '\r\n',
    });
    expect(detectFormatting('{"a": 1}')).toMatchObject({ tabSize: 2, eol: '\n' });
  });

  it('no change, no edit', () => {
    expect(applyTextEdits(text, edit(text, ['event'], 'A'))).toBe(text);
  });
});

describe('locating a JSON path in the draft', () => {
  const text = '{\n  "a": {\n    "b": [1, {"c": 2}]\n  },\n  "weird key": true\n}';

  it('finds members, array items and bracketed keys', () => {
    expect(locate(text, parsePath('$.a.b[1].c')!)).toMatchObject({ line: 3, column: 15 });
    expect(locate(text, parsePath('$["weird key"]')!)).toMatchObject({ line: 5, column: 3 });
  });

  it('falls back to the deepest existing parent, and gives up on broken JSON', () => {
    expect(locate(text, ['a', 'missing'])).toMatchObject({ line: 2, column: 3 });
    expect(locate('{"a": ', ['a'])).toBeNull();
  });
});

describe('edit keeps the layout of a pretty-printed draft', () => {
  const text = '{\n  "type": "track",\n  "properties": {},\n  "context": {"a": 1}\n}\n';
  it('opens an empty object as a block and appends to a one-line one', () => {
    const opened = applyTextEdits(text, edit(text, ['properties', 'seats'], 2));
    expect(opened).toBe(
      '{\n  "type": "track",\n  "properties": {\n    "seats": 2\n  },\n  "context": {"a": 1}\n}\n',
    );
    const inline = applyTextEdits(text, edit(text, ['context', 'b'], { c: [1, 2] }));
    expect(inline).toBe(
      '{\n  "type": "track",\n  "properties": {},\n  "context": {"a": 1, "b": {"c": [1, 2]}}\n}\n',
    );
    const replaced = applyTextEdits(text, edit(text, ['context'], { a: 2 }));
    expect(replaced).toBe('{\n  "type": "track",\n  "properties": {},\n  "context": {\n    "a": 2\n  }\n}\n');
  });
  it('removes a middle member cleanly', () => {
    const removed = applyTextEdits(text, edit(text, ['properties'], undefined));
    expect(removed).toBe('{\n  "type": "track",\n  "context": {"a": 1}\n}\n');
  });
});
