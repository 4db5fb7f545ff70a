import { describe, expect, it } from 'vitest';
import {
  describeMissingAttributes,
  lacksAttributes,
  type TypeDescriber,
} from '../../electron/core/profiles/typeDescribe';
import { err, ok } from '../../shared/result';

const full = (id: number) => ({
  id,
  apiName: `type${id}_c`,
  status: 'approved',
  primaryAttribute: { apiName: 'p', name: 'P', dataType: 'string' },
  attributes: [{ apiName: 'a', name: 'A', dataType: 'integer' }],
});
const brief = (id: number, status = 'approved') => ({ id, apiName: `type${id}_c`, name: `T${id}`, status });

/** A describer answering like describe.json, recording each call and how many ran at once. */
function describer(fail: ReadonlySet<string> = new Set()) {
  const calls: { apiName: string; draft: boolean }[] = [];
  let running = 0;
  let maxRunning = 0;
  const describe: TypeDescriber = async (apiName, draft) => {
    calls.push({ apiName, draft });
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((resolve) => setImmediate(resolve));
    running -= 1;
    if (fail.has(apiName)) return err('Access denied (603): no permission.');
    return ok([
      {
        apiName,
        primaryAttribute: { apiName: 'primary', name: 'Primary', dataType: 'link' },
        attributes: [{ apiName: `${apiName}-attr`, name: 'Attr', dataType: 'string' }],
      },
    ]);
  };
  return { describe, calls, maxRunning: () => maxRunning };
}

describe('which listed types need describe.json', () => {
  it('those without attributes, or whose primary attribute has no data type; never a deleted one', () => {
    expect(lacksAttributes(full(1))).toBe(false);
    expect(lacksAttributes({ ...full(1), attributes: [] })).toBe(false);
    expect(lacksAttributes(brief(1))).toBe(true);
    expect(lacksAttributes({ ...full(1), attributes: undefined })).toBe(true);
    expect(lacksAttributes({ ...full(1), primaryAttribute: { apiName: 'p', name: 'P' } })).toBe(true);
    expect(lacksAttributes(brief(1, 'deleted'))).toBe(false);
    expect(lacksAttributes('odd')).toBe(false);
  });
});

describe('describeMissingAttributes', () => {
  it('describes only the types that lack attributes, one at a time, drafts as drafts, keeping order', async () => {
    const d = describer();
    const result = await describeMissingAttributes([full(1), brief(2), brief(3, 'draft')], d.describe);
    expect(d.calls).toEqual([
      { apiName: 'type2_c', draft: false },
      { apiName: 'type3_c', draft: true },
    ]);
    expect(d.maxRunning()).toBe(1);
    expect(result.problems.size).toBe(0);
    expect(result.types).toEqual([
      full(1),
      expect.objectContaining({
        id: 2,
        name: 'T2',
        primaryAttribute: expect.objectContaining({ dataType: 'link' }),
        attributes: [expect.objectContaining({ apiName: 'type2_c-attr' })],
      }),
      expect.objectContaining({ id: 3, attributes: [expect.objectContaining({ apiName: 'type3_c-attr' })] }),
    ]);
  });

  it('notes a failed describe on its type and completes the others', async () => {
    const d = describer(new Set(['type2_c']));
    const result = await describeMissingAttributes([brief(2), brief(3)], d.describe);
    expect(result.types[0]).toEqual(brief(2));
    expect(result.types[1]).toMatchObject({ id: 3, attributes: [{ apiName: 'type3_c-attr' }] });
    expect([...result.problems]).toEqual([[2, expect.stringMatching(/could not be loaded.*603/)]]);
  });

  it('makes at most `limit` describes and says so on the types past it', async () => {
    const d = describer();
    const types = [1, 2, 3, 4, 5].map((id) => brief(id));
    const result = await describeMissingAttributes(types, d.describe, 3);
    expect(d.calls.map((c) => c.apiName)).toEqual(['type1_c', 'type2_c', 'type3_c']);
    expect([...result.problems.keys()]).toEqual([4, 5]);
    expect(result.problems.get(4)).toMatch(/only the first 3/);
    expect(result.types[4]).toEqual(brief(5));
  });

  it('cannot describe a type without an apiName, and says why', async () => {
    const d = describer();
    const result = await describeMissingAttributes([{ id: 9, status: 'approved' }], d.describe);
    expect(d.calls).toEqual([]);
    expect(result.problems.get(9)).toMatch(/without an API name/);
  });
});
