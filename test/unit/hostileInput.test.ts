/**
 * Issue 7, part 4: input that must get a clear answer, never a crash or a silent change. One block
 * per row of the table; the CLI's side (exit codes, files) is in cliSend/cliValidate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../electron/core';
import { getPath, planDelivery } from '../../electron/core/delivery/plan';
import { readInputFile } from '../../electron/core/inputFile';
import { lookupCode } from '../../electron/core/marketo/errorCatalog';
import { readSettingsFile } from '../../electron/core/settingsFile';
import { decodeJsonBytes } from '../../shared/json/decodeText';
import { parseJson } from '../../shared/json/parseJson';
import { lintEvent } from '../../shared/segment/lint';
import type { SegmentEvent } from '../../shared/segment/schemas';
import {
  checkDocument,
  checkEventText,
  checkSingleEvent,
  parseJsonText,
} from '../../shared/segment/validate';
import { DestinationSettingsSchema } from '../../shared/settings';
import { sandboxDefaultSettings } from '../../electron/core/sandbox';
import { webinarTrack } from '../helpers/events';

const settings = sandboxDefaultSettings();
const ev = (value: Record<string, unknown>) => value as unknown as SegmentEvent;
// Nothing listens here: a test that reaches the network fails loudly instead of passing.
const NOWHERE = { endpoint: 'http://127.0.0.1:9', clientId: 'id-unused', clientSecret: 'secret-unused' };
const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('event names that are Object.prototype keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '"%s" is UNMAPPED_EVENT, in the planner and through the engine',
    async (name) => {
      const plan = planDelivery(ev(webinarTrack({ event: name })), settings);
      expect(plan).toMatchObject({ kind: 'reject', code: 'UNMAPPED_EVENT' });
      const engine = createDeliveryEngine();
      const report = await engine.deliver(webinarTrack({ event: name }), NOWHERE, settings);
      engine.close();
      expect(report).toMatchObject({ outcome: 'rejected', code: 'UNMAPPED_EVENT', interactions: [] });
    },
  );
  it('getPath (primary property, attributes, lookups) reads own properties only', () => {
    expect(getPath({ properties: {} }, 'properties.constructor')).toBeUndefined();
    expect(getPath({}, '__proto__')).toBeUndefined();
    expect(getPath({ a: { toString: 'own' } }, 'a.toString')).toBe('own');
    const mapped = DestinationSettingsSchema.parse({
      formatVersion: 1,
      activities: { 'Webinar Registered': { activityTypeId: 1, primaryProperty: 'constructor' } },
    });
    expect(planDelivery(ev(webinarTrack()), mapped)).toMatchObject({
      kind: 'reject',
      code: 'MISSING_PRIMARY',
    });
  });
  it('the error catalog, the validator and lint look codes and fields up by own key', () => {
    expect(lookupCode('constructor')).toMatchObject({ kind: 'fatal', title: 'Unknown Marketo error' });
    expect(lookupCode('__proto__').title).toBe('Unknown Marketo error');
    const lint = lintEvent({ type: 'track', event: 'x', constructor: 1 }, 'track', '$');
    expect(lint.find((p) => p.path === '$.constructor')?.message).toMatch(
      /custom data belongs in "properties"/,
    );
    expect(checkDocument({ type: 'track', event: 'x', userId: 'u', toString: 1 }).valid).toBe(true);
    expect(parseJsonText('{"__proto__": {"polluted": true}}')).toMatchObject({ ok: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('5,000+ levels of nesting', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  it('is a located error from the text, not a stack overflow', () => {
    const check = checkEventText(`{"type":"track","event":"x","userId":"u","properties":{"a":${deep}}}`);
    expect(check.valid).toBe(false);
    expect(check.errors[0]!.message).toMatch(/line 1, column \d+: nested deeper than 64 levels/);
  });
  it('is an error for a value (IPC), before lint or zod recurse', () => {
    let value: unknown = 1;
    for (let i = 0; i < 6000; i++) value = { a: value };
    const check = checkSingleEvent({ type: 'track', event: 'x', userId: 'u', properties: value });
    expect(check).toMatchObject({
      valid: false,
      errors: [{ path: '$', message: expect.stringMatching(/nested deeper/) }],
    });
  });
});

describe('duplicate keys', () => {
  it('are an error naming both positions', () => {
    const check = checkEventText(
      '{\n  "type": "track",\n  "event": "x",\n  "userId": "u",\n  "type": "identify"\n}',
    );
    expect(check.valid).toBe(false);
    expect(check.errors[0]).toEqual({
      path: '$.type',
      message: expect.stringMatching(/"type" is given twice: at line 2, column 3 and at line 5, column 3/),
    });
    expect(parseJsonText('{"a":1,"a":2}')).toMatchObject({ ok: false });
  });
});

describe('encodings', () => {
  it('refuses invalid UTF-8 with its place, and UTF-16 with or without a BOM', () => {
    expect(decodeJsonBytes(Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))).toEqual({
      ok: false,
      error: expect.stringMatching(/not valid UTF-8: byte 0xE9 at line 1, column 3/),
    });
    expect(decodeJsonBytes(Buffer.from('\ufeff{}', 'utf16le'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/UTF-16/),
    });
    expect(decodeJsonBytes(Buffer.from('{}', 'utf16le'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/UTF-16/),
    });
    expect(decodeJsonBytes(Buffer.from([0xfe, 0xff, 0, 0x7b]))).toMatchObject({ ok: false });
  });
  it('accepts a UTF-8 BOM and keeps non-ASCII text', () => {
    expect(decodeJsonBytes(Buffer.from('\ufeff{"e":"café"}', 'utf8'))).toEqual({
      ok: true,
      value: '{"e":"café"}',
    });
  });
});

describe('numbers and dates JSON or Date would change', () => {
  it('1e400 and integers past 2^53 are located errors in text, errors/warnings in values', () => {
    const check = checkEventText(
      '{"type":"track","event":"x","userId":"u","properties":{"a":1e400,"b":9007199254740993}}',
    );
    expect(check.errors.map((e) => e.path)).toEqual(['$.properties.a', '$.properties.b']);
    expect(check.errors[1]!.message).toMatch(
      /line 1, column \d+: the integer 9007199254740993 .* rounded to 9007199254740992/,
    );
    const values = checkDocument({
      type: 'track',
      event: 'x',
      userId: 'u',
      properties: { a: Infinity, b: 2 ** 60 },
    });
    expect(values.errors).toEqual([
      { path: '$.properties.a', message: expect.stringMatching(/not a finite number/) },
    ]);
    expect(values.warnings.some((w) => w.path === '$.properties.b')).toBe(true);
  });
  it('2024-02-30 and unparseable timestamps are errors at their field', () => {
    for (const timestamp of ['2024-02-30T10:00:00Z', 'yesterday', '2023-02-29T00:00:00Z']) {
      const check = checkSingleEvent({ type: 'track', event: 'x', userId: 'u', timestamp });
      expect(check.errors).toEqual([{ path: '$.timestamp', message: expect.stringMatching(/not a date/) }]);
    }
    expect(
      checkSingleEvent({ type: 'track', event: 'x', userId: 'u', timestamp: '2024-02-29T10:00:00Z' }).valid,
    ).toBe(true);
  });
});

describe('timestamp normalisation', () => {
  const dateOf = (extra: Record<string, unknown>) => {
    const plan = planDelivery(
      ev(webinarTrack(extra)),
      settings,
      {},
      { now: () => new Date('2026-03-01T00:00:00Z') },
    );
    if (plan.kind !== 'send' || plan.action.type !== 'activity') throw new Error('expected an activity');
    return { date: plan.action.activity.activityDate, warnings: plan.warnings };
  };
  it('is ISO UTC', () => {
    expect(dateOf({ timestamp: '2026-02-01T10:30:00+01:00' }).date).toBe('2026-02-01T09:30:00Z');
  });
  it('falls back to originalTimestamp, then sentAt, then now', () => {
    const original = dateOf({
      timestamp: undefined,
      originalTimestamp: '2026-02-01T08:00:00Z',
      sentAt: '2026-02-01T08:00:05Z',
    });
    expect(original.date).toBe('2026-02-01T08:00:00Z');
    expect(original.warnings.join()).toMatch(/activityDate is its originalTimestamp/);
    expect(dateOf({ timestamp: undefined, sentAt: '2026-02-01T08:00:05Z' }).date).toBe(
      '2026-02-01T08:00:05Z',
    );
    expect(dateOf({ timestamp: undefined }).date).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('request size', () => {
  it('a 2 MB mapped property is refused before anything is sent', async () => {
    const engine = createDeliveryEngine();
    const report = await engine.deliver(
      webinarTrack({ properties: { webinar: 'W', channel: 'x'.repeat(2 * 1024 * 1024) } }),
      NOWHERE,
      settings,
    );
    engine.close();
    expect(report).toMatchObject({ outcome: 'rejected', code: 'REQUEST_TOO_LARGE', interactions: [] });
    expect(report.reason).toMatch(/2\.0 MB; Marketo takes at most 1 MB/);
  });
  it('a 10 MB event name is never echoed whole', async () => {
    const engine = createDeliveryEngine();
    const report = await engine.deliver(
      webinarTrack({ event: 'n'.repeat(10 * 1024 * 1024) }),
      NOWHERE,
      settings,
    );
    engine.close();
    expect(report.code).toBe('UNMAPPED_EVENT');
    expect(JSON.stringify(report).length).toBeLessThan(5_000);
    expect(report.reason).toMatch(/\(10485760 characters\)/);
  });
});

describe('files the CLI reads', () => {
  it('only regular files, size-capped', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(join(dir, 'folder'));
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 2 * 1024 * 1024 * 1024);
    expect(await readInputFile(fifo, 'event file')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a regular file \(a FIFO\)/),
    });
    expect(await readInputFile('/dev/zero', 'event file')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/a device/),
    });
    expect(await readInputFile(join(dir, 'folder'), 'event file')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/a directory/),
    });
    expect(await readInputFile(huge, 'event file')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/2048\.0 MB; at most 16\.0 MB/),
    });
  });
});

describe('settings files', () => {
  it('an unknown key is an error naming it (with the key meant)', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        actvities: {},
        limits: { callsPer20s: 10, maxInflight: 2 },
        activities: { 'Webinar Registered': { activityTypeId: 1, primaryProperty: 'w', atributes: {} } },
      }),
    );
    const read = await readSettingsFile(file);
    expect(read.ok).toBe(false);
    const message = read.ok ? '' : read.error;
    expect(message).toMatch(/\$\.actvities: unknown key "actvities" \(did you mean "activities"\?\)/);
    expect(message).toMatch(
      /\$\.limits\.maxInflight: unknown key "maxInflight" \(did you mean "maxInFlight"\?\)/,
    );
    expect(message).toMatch(
      /\$\.activities\["Webinar Registered"\]\.atributes: unknown key "atributes" \(did you mean "attributes"\?\)/,
    );
  });
});

describe('parse with locations', () => {
  it('keeps __proto__ as data and reports every problem with its line and column', () => {
    const parsed = parseJson('{"__proto__": 1,\n"x": 1e999}');
    expect(parsed.ok && Object.keys(parsed.value.value as object)).toEqual(['__proto__', 'x']);
    expect(parsed.ok && parsed.value.problems).toEqual([
      expect.objectContaining({ path: '$.x', line: 2, column: 6 }),
    ]);
  });
});
