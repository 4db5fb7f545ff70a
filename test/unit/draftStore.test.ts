import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraftStore } from '../../electron/core/draftStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-tester-draft-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('draft store', () => {
  it('returns null when nothing was saved', async () => {
    await expect(createDraftStore(dir).load()).resolves.toBeNull();
  });

  it('round-trips a draft and keeps it for a new store on the same folder', async () => {
    const text = '{\n  "type": "track",\n  "event": "Ünïcode ✓"\n}';
    const saved = await createDraftStore(dir).save(text);
    expect(Date.parse(saved.savedAt)).not.toBeNaN();

    const reopened = await createDraftStore(dir).load();
    expect(reopened).toEqual({ text, savedAt: saved.savedAt });
    const onDisk = JSON.parse(await readFile(join(dir, 'draft.json'), 'utf8'));
    expect(onDisk).toEqual({ formatVersion: 1, text, savedAt: saved.savedAt });
  });

  it('creates the folder when it does not exist yet', async () => {
    const nested = join(dir, 'a', 'b');
    await createDraftStore(nested).save('x');
    await expect(createDraftStore(nested).load()).resolves.toMatchObject({ text: 'x' });
  });

  it('serialises concurrent saves: the last call wins and no temp file is left', async () => {
    const store = createDraftStore(dir);
    // Earlier calls write more, so without the queue they would finish last and win.
    const texts = Array.from({ length: 25 }, (_, i) => `draft ${i} ${'x'.repeat((25 - i) * 40_000)}`);
    await Promise.all(texts.map((text) => store.save(text)));
    await expect(createDraftStore(dir).load()).resolves.toMatchObject({ text: texts.at(-1) });
    expect(await readdir(dir)).toEqual(['draft.json']);
  });

  it('a load queued after a save sees that save', async () => {
    const store = createDraftStore(dir);
    const saving = store.save('first');
    const loading = store.load();
    await saving;
    await expect(loading).resolves.toMatchObject({ text: 'first' });
  });

  it.each([
    ['not JSON', '{"formatVersion":1,"text":"trunc'],
    ['the wrong shape', JSON.stringify({ formatVersion: 1, text: 42 })],
    ['an unknown version', JSON.stringify({ formatVersion: 9, text: 'x', savedAt: 'now' })],
  ])('moves a file with %s aside and reports no draft', async (_label, content) => {
    await writeFile(join(dir, 'draft.json'), content);
    const store = createDraftStore(dir, { now: () => new Date('2026-02-03T04:05:06.789Z') });
    await expect(store.load()).resolves.toBeNull();
    const files = await readdir(dir);
    expect(files).toEqual(['draft.corrupt-2026-02-03T04-05-06-789Z.json']);
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe(content);

    // The store keeps working after the bad file.
    await store.save('fresh');
    await expect(store.load()).resolves.toMatchObject({ text: 'fresh' });
  });
});
