import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSuiteText, serializeSuite, suiteJsonSchema, type SuiteFile } from '../../shared/suites';
import {
  parseVariableAssignments,
  resolvePlaceholders,
  runVariables,
  type Generators,
} from '../../shared/suiteVariables';

const ROOT = resolve(__dirname, '../..');
const fixed: Generators = {
  uuid: (() => {
    let n = 0;
    return () => `uuid-${++n}`;
  })(),
  timestamp: () => '2026-03-01T10:00:00.000Z',
  randomEmail: () => 'rnd@example.com',
};

describe('suite files', () => {
  it('refuses an unknown formatVersion with one located message', () => {
    const text = '{\n  "formatVersion": 2,\n  "name": "x",\n  "cases": []\n}\n';
    const parsed = parseSuiteText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toHaveLength(1);
    expect(parsed.error[0]).toMatchObject({ path: '$.formatVersion', line: 2, column: 3 });
    expect(parsed.error[0]!.message).toMatch(/newer than this build/);
  });

  it('locates every problem: unknown keys, a bad expectation, a secret-looking variable, duplicate keys', () => {
    const text = JSON.stringify(
      {
        formatVersion: 1,
        name: 'x',
        variables: { clientSecret: 'abc' },
        cases: [{ name: 'a', event: { type: 'track' }, expect: { outcome: 'great' }, extra: 1 }],
      },
      null,
      2,
    );
    const parsed = parseSuiteText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.error.map((p) => p.path);
    expect(paths).toContain('$.cases[0].extra');
    expect(paths).toContain('$.cases[0].expect.outcome');
    expect(paths).toContain('$.variables.clientSecret');
    expect(parsed.error.every((p) => p.line > 1)).toBe(true);
    const dup = parseSuiteText('{"formatVersion": 1, "name": "a", "name": "b", "cases": []}');
    expect(!dup.ok && dup.error[0]!.message).toMatch(/given twice/);
    const syntax = parseSuiteText('{"formatVersion": 1,');
    expect(!syntax.ok && syntax.error[0]!.message).toMatch(/not valid JSON/);
  });

  it('writes keys in a stable order with 2-space indent, placeholders kept, and reads back the same', () => {
    const suite: SuiteFile = {
      cases: [
        {
          expect: { recordStatus: 'added', outcome: 'delivered' },
          event: { type: 'track', userId: '{{userId}}' },
          name: 'one',
        },
      ],
      name: 'Order',
      variables: { userId: 'u-{{$uuid}}' },
      formatVersion: 1,
    };
    const text = serializeSuite(suite);
    expect(text).toBe(
      '{\n  "formatVersion": 1,\n  "name": "Order",\n  "variables": {\n    "userId": "u-{{$uuid}}"\n  },\n  "cases": [\n    {\n      "name": "one",\n      "event": {\n        "type": "track",\n        "userId": "{{userId}}"\n      },\n      "expect": {\n        "outcome": "delivered",\n        "recordStatus": "added"\n      }\n    }\n  ]\n}\n',
    );
    const back = parseSuiteText(text);
    expect(back.ok && serializeSuite(back.value)).toBe(text);
  });

  it('the example suites are valid and already in the stable layout', () => {
    const dir = join(ROOT, 'docs/suites');
    const files = readdirSync(dir).filter((f) => f.endsWith('.suite.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const parsed = parseSuiteText(text);
      expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
      if (parsed.ok) expect(serializeSuite(parsed.value)).toBe(text);
    }
  });

  it('the published JSON Schema is the one the zod schema generates', () => {
    const path = join(ROOT, 'docs/suite.schema.json');
    const generated = suiteJsonSchema();
    if (process.env.UPDATE_SUITE_SCHEMA === '1')
      writeFileSync(path, `${JSON.stringify(generated, null, 2)}\n`);
    // Compared as data: the file is laid out by prettier.
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(generated);
  });
});

describe('suite variables', () => {
  it('file < environment < --var; generated values once per run for file variables, per case in events', () => {
    const vars = runVariables(
      { email: '{{$randomEmail}}', userId: 'u-{{$uuid}}', plan: 'Free' },
      new Map([['plan', 'Pro']]),
      { EVENT_TESTER_VAR_userId: 'from-env', PATH: '/bin' },
      fixed,
    );
    expect(vars.ok && Object.fromEntries(vars.value)).toEqual({
      email: 'rnd@example.com',
      userId: 'from-env',
      plan: 'Pro',
    });
    if (!vars.ok) return;
    const event = resolvePlaceholders(
      { userId: '{{userId}}', messageId: '{{$uuid}}', again: '{{ $uuid }}', at: '{{$timestamp}}', n: 2 },
      vars.value,
      fixed,
    );
    expect(event.ok && event.value).toMatchObject({
      userId: 'from-env',
      at: '2026-03-01T10:00:00.000Z',
      n: 2,
    });
    expect(event.ok && (event.value as { messageId: string }).messageId).toBe(
      (event.ok && (event.value as { again: string }).again) || '',
    );
  });

  it('an unknown variable is an error naming it, never sent as text', () => {
    const event = resolvePlaceholders({ traits: { email: '{{mail}}' } }, new Map(), fixed);
    expect(event.ok).toBe(false);
    expect(!event.ok && event.error).toMatch(/\{\{mail\}\}.*--var mail=/);
    expect(parseVariableAssignments(['a=b=c']).ok && parseVariableAssignments(['a=b=c'])).toMatchObject({
      ok: true,
    });
    expect(parseVariableAssignments(['novalue']).ok).toBe(false);
  });
});
