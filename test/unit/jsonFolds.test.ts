import { describe, expect, it } from 'vitest';
import {
  findFolds,
  foldAt,
  foldedBeyond,
  foldLabel,
  foldSize,
  indexOfLine,
  revealLine,
  visibleLines,
  type Folds,
} from '../../renderer/src/ui/jsonFolds';

const pretty = (value: unknown) => JSON.stringify(value, null, 2).split('\n');
const spans = (folds: Folds) => folds.list.map((f) => [f.start, f.end, f.kind, f.size, f.depth]);

describe('findFolds', () => {
  it('finds every block that spans lines, nested, with its kind, size and depth', () => {
    const lines = pretty({ requestId: 'a#1', result: [{ id: 1, tags: ['x', 'y'] }, { id: 2 }], ok: true });
    // 0 {, 1 requestId, 2 "result": [, 3 {, 4 id, 5 "tags": [, 6 x, 7 y, 8 ], 9 }, 10 {, 11 id, 12 }, 13 ], 14 ok, 15 }
    expect(spans(findFolds(lines))).toEqual([
      [0, 15, 'object', 3, 0],
      [2, 13, 'array', 2, 1],
      [3, 9, 'object', 2, 2],
      [5, 8, 'array', 2, 3],
      [10, 12, 'object', 1, 2],
    ]);
    const folds = findFolds(lines);
    expect(foldAt(folds, 5)?.end).toBe(8);
    expect(foldAt(folds, 4)).toBeUndefined();
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    const lines = pretty({ a: '{[ "quoted", ]}', 'b"]': ['\\', '"}', 'x,y,z'], c: { d: '\\"[' } });
    expect(lines.some((l) => l.includes('\\"'))).toBe(true);
    // 0 {, 1 "a", 2 "b\"]": [, 3 "\\", 4 "\"}", 5 "x,y,z", 6 ], 7 "c": {, 8 "d", 9 }, 10 }
    expect(spans(findFolds(lines))).toEqual([
      [0, 10, 'object', 3, 0],
      [2, 6, 'array', 3, 1],
      [7, 9, 'object', 1, 1],
    ]);
  });

  it('gives empty {} and [] (one line each) no fold, and counts them as members of their parent', () => {
    const lines = pretty({ empty: {}, none: [], list: [[], {}] });
    expect(lines[1]).toBe('  "empty": {},');
    expect(spans(findFolds(lines))).toEqual([
      [0, 7, 'object', 3, 0],
      [3, 6, 'array', 2, 1],
    ]);
  });

  it('counts a block written over two lines with nothing in it as empty', () => {
    expect(spans(findFolds(['{', '  "a": [', '  ]', '}']))).toEqual([
      [0, 3, 'object', 1, 0],
      [1, 2, 'array', 0, 1],
    ]);
  });

  it('gives a one-line body no folds', () => {
    expect(findFolds(['{"a":[1,2,{"b":3}]}']).list).toEqual([]);
    expect(findFolds(['[]']).list).toEqual([]);
  });

  it('gives text that is not one JSON object or array no folds', () => {
    const none = (text: string) => expect(findFolds(text.split('\n')).list).toEqual([]);
    none('<html>\n<body>{\n}</body>\n</html>');
    none('Service Unavailable');
    none('"just a string"');
    none('[INFO] started {\n  job: 1\n}');
    none('{\n  "a": [\n    1\n  }\n]'); // brackets that do not pair
    none('{\n  "a": [\n    1\n  ]'); // never closed
    none('{\n  "a": "open string\n}'); // a string left open at the line's end
    none('{\n  "a": 1\n}\n{\n  "b": 2\n}'); // two documents
    none('');
  });

  it('allows blank lines and carriage returns around the body', () => {
    expect(spans(findFolds(['', '[\r', '  1\r', ']\r', '']))).toEqual([[1, 3, 'array', 1, 0]]);
  });

  it('keeps the outer block when two open on one line', () => {
    expect(spans(findFolds(['[{', '  "a": 1', '}]']))).toEqual([[0, 2, 'array', 1, 0]]);
  });
});

describe('visible lines', () => {
  const lines = pretty({ a: { b: [1, 2, 3] }, c: [{ d: 1 }] });
  // 0 {, 1 "a": {, 2 "b": [, 3 1, 4 2, 5 3, 6 ], 7 }, 8 "c": [, 9 {, 10 d, 11 }, 12 ], 13 }
  const folds = findFolds(lines);

  it('is null (every line) when nothing is folded', () => {
    expect(visibleLines(lines.length, folds, new Set())).toBeNull();
  });

  it('skips the inside and the closing line of each folded block', () => {
    expect(visibleLines(lines.length, folds, new Set([2]))).toEqual([0, 1, 2, 7, 8, 9, 10, 11, 12, 13]);
    expect(visibleLines(lines.length, folds, new Set([1, 2, 9]))).toEqual([0, 1, 8, 9, 12, 13]);
    expect(visibleLines(lines.length, folds, new Set([0]))).toEqual([0]);
  });

  it('folds every block below a level', () => {
    expect([...foldedBeyond(folds, 1)].sort((a, b) => a - b)).toEqual([1, 2, 8, 9]);
    expect([...foldedBeyond(folds, 2)].sort((a, b) => a - b)).toEqual([2, 9]);
    expect(visibleLines(lines.length, folds, foldedBeyond(folds, 1))).toEqual([0, 1, 8, 13]);
  });

  it('finds a line among the visible ones, or -1 when it is hidden', () => {
    const visible = [0, 1, 8, 13];
    expect(indexOfLine(visible, 8)).toBe(2);
    expect(indexOfLine(visible, 13)).toBe(3);
    expect(indexOfLine(visible, 0)).toBe(0);
    expect(indexOfLine(visible, 4)).toBe(-1);
  });

  it('opens the blocks that hide a line, and only those', () => {
    const folded = foldedBeyond(folds, 1);
    const revealed = revealLine(folded, folds, 4);
    expect([...revealed].sort((a, b) => a - b)).toEqual([8, 9]);
    expect(visibleLines(lines.length, folds, revealed)).toContain(4);
    // A visible line (a folded block's own first line) changes nothing, and returns the same set.
    expect(revealLine(folded, folds, 8)).toBe(folded);
  });
});

describe('labels', () => {
  const [root, array] = findFolds(pretty({ items: ['a'], k: 1 })).list;
  it('says what a block holds, counted from line 1', () => {
    expect(foldSize(root!)).toBe('2 keys');
    expect(foldSize(array!)).toBe('1 item');
    expect(foldLabel(array!, true)).toBe('Collapse lines 2–4 (array, 1 item)');
    expect(foldLabel(root!, false)).toBe('Expand lines 1–6 (object, 2 keys)');
  });
});
