import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/** The built CLI, run as a user would: `node dist/cli/event-tester.mjs validate ...`. */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/event-tester.mjs');
const EXAMPLES = path.resolve(__dirname, '../../../shared/examples/segment-docs');
const INVALID = path.resolve(__dirname, '../fixtures/invalid');
const present = existsSync(EXAMPLES);
if (!present) console.warn(`segment examples skipped: ${EXAMPLES} does not exist`);

function validate(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'validate', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonEntry {
  file: string;
  valid: boolean;
  errors: Array<{ path: string; message: string }>;
  warnings: Array<{ path: string; message: string }>;
}
const json = (stdout: string) => JSON.parse(stdout) as JsonEntry[];

const examples = present
  ? readdirSync(EXAMPLES)
      .filter((name) => name.endsWith('.json'))
      .map((name) => path.join(EXAMPLES, name))
  : [];

describe.skipIf(!present)('validate on the segment-docs examples', () => {
  it('passes every example, showing warnings, and exits 0', () => {
    const { code, stdout } = validate(...examples);
    expect(code).toBe(0);
    for (const file of examples) expect(stdout).toContain(`✓ ${file} (`);
    expect(stdout).toContain('09-http-api-batch-envelope.json (4 events)');
    expect(stdout).toMatch(/^ {2}warning \$\.batch\[2\]\.timestamp +is not a strict ISO-8601 date-time/m);
    expect(stdout).toMatch(/^ {2}warning \$\.integrations\["Marketo v2"\] +does not exactly match/m);
    expect(stdout).not.toMatch(/^ {2}error/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('18 files: 18 valid, 0 invalid (0 errors, 10 warnings)');
  });

  it('--json prints exactly { file, valid, errors, warnings } per file', () => {
    const { code, stdout } = validate('--json', ...examples);
    expect(code).toBe(0);
    const entries = json(stdout);
    expect(entries).toHaveLength(examples.length);
    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual(['file', 'valid', 'errors', 'warnings']);
      expect(entry.valid).toBe(true);
      for (const problem of [...entry.errors, ...entry.warnings])
        expect(Object.keys(problem)).toEqual(['path', 'message']);
    }
    const company = entries.find((entry) => entry.file.includes('15-marketo'));
    expect(company?.warnings).toEqual([
      { path: '$.traits.company', message: expect.stringMatching(/should be an object/) },
    ]);
  });

  it('--type injects the call type for bodies posted without one', () => {
    const file = examples.find((name) => name.includes('10-http-api'))!;
    expect(json(validate('--json', file).stdout)[0]?.warnings.map((w) => w.path)).toEqual([
      '$.type',
      '$.email',
    ]);
    expect(json(validate('--json', '--type', 'track', file).stdout)[0]?.warnings.map((w) => w.path)).toEqual([
      '$.email',
    ]);
  });
});

describe('validate on invalid files', () => {
  const cases: Array<[file: string, path: string, message: RegExp]> = [
    ['no-ids.json', '$.userId', /needs a "userId" or an "anonymousId"/],
    ['track-without-event.json', '$.event', /is required: a track needs the name of the action/],
    ['group-without-groupId.json', '$.groupId', /is required: a group needs/],
    ['alias-without-previousId.json', '$.previousId', /is required: an alias needs the old id/],
    ['messageId-101-chars.json', '$.messageId', /at most 100 characters, got 101/],
    [
      'integrations-string.json',
      '$.integrations["Marketo V2"]',
      /^must be true, false or an options object, got a string$/,
    ],
    ['unknown-type.json', '$.type', /one of track, identify, page, screen, group, alias, got "purchase"/],
    ['broken-json.txt', '$', /^not valid JSON: line 3, column 24: a ',' is missing here/],
    ['batch-item-without-ids.json', '$.batch[1].userId', /needs a "userId" or an "anonymousId"/],
  ];

  // One run for all files keeps the suite fast; each file still gets its own entry and exit code 1.
  let human: ReturnType<typeof validate>;
  let machine: ReturnType<typeof validate>;
  beforeAll(() => {
    const files = cases.map(([name]) => path.join(INVALID, name));
    human = validate(...files);
    machine = validate('--json', ...files);
  });

  it('exits 1 and counts every file as invalid', () => {
    expect(human.code).toBe(1);
    expect(machine.code).toBe(1);
    expect(human.stdout).toContain(`${cases.length} files: 0 valid, ${cases.length} invalid`);
  });

  it.each(cases)('%s fails at %s', (name, problemPath, message) => {
    const file = path.join(INVALID, name);
    expect(human.stdout).toContain(`✗ ${file}\n  error   ${problemPath}  `);
    expect(json(machine.stdout).find((entry) => entry.file === file)).toEqual({
      file,
      valid: false,
      errors: [{ path: problemPath, message: expect.stringMatching(message) }],
      warnings: [],
    });
  });

  it.skipIf(!present)('one invalid file among valid ones makes the run fail', () => {
    const { code, stdout } = validate(examples[0]!, path.join(INVALID, 'no-ids.json'));
    expect(code).toBe(1);
    expect(stdout).toContain('2 files: 1 valid, 1 invalid (1 error, 0 warnings)');
  });
});

describe('usage and input errors exit 2', () => {
  it('a missing file is named, in text and in --json', () => {
    const human = validate('does-not-exist.json');
    expect(human.code).toBe(2);
    expect(human.stdout).toContain(
      '✗ does-not-exist.json\n  error   $  cannot read the file: it does not exist',
    );
    expect(human.stderr).toContain('cannot read does-not-exist.json');
    const machine = validate('--json', 'does-not-exist.json', path.join(INVALID, 'no-ids.json'));
    expect(machine.code).toBe(2);
    expect(json(machine.stdout)[0]).toEqual({
      file: 'does-not-exist.json',
      valid: false,
      errors: [{ path: '$', message: 'cannot read the file: it does not exist' }],
      warnings: [],
    });
  });

  it('no files, an unknown option, a bad --type', () => {
    expect(validate()).toMatchObject({ code: 2, stderr: expect.stringContaining('no files given') });
    expect(validate('--verbose', 'x.json')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("'--verbose'"),
    });
    expect(validate('--type', 'purchase', 'x.json')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--type must be one of track, identify, page, screen, group, alias'),
    });
  });
});
