import { describe, expect, it } from 'vitest';
import { readCommandLine } from '../../electron/cli/args';
import type { CliIo } from '../../electron/cli/io';

/** The one start of every CLI command: strict parsing, --help, and stray arguments refused. */
function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    interrupted: () => new Promise(() => {}),
  };
  return { value, out, err };
}

const spec = {
  name: 'demo',
  usage: 'usage: event-tester demo [--port N]',
  options: { port: { type: 'string' } },
} as const;

describe('readCommandLine', () => {
  it('returns the parsed values, or prints usage for --help and exits 0', () => {
    const ok = io();
    expect(readCommandLine(spec, ['--port', '4'], ok.value)).toMatchObject({ values: { port: '4' } });
    const help = io();
    expect(readCommandLine(spec, ['-h'], help.value)).toBe(0);
    expect(help.out).toEqual([spec.usage]);
  });

  it('refuses unknown options, and stray arguments when the command takes none', () => {
    const unknown = io();
    expect(readCommandLine(spec, ['--nope'], unknown.value)).toBe(2);
    expect(unknown.err[0]).toMatch(/^event-tester demo: unknown option '--nope'\nusage: /);
    const stray = io();
    expect(readCommandLine({ ...spec, noPositionals: true }, ['extra'], stray.value)).toBe(2);
    expect(stray.err[0]).toMatch(/^event-tester demo: unknown argument 'extra'\nusage: /);
    // A command that takes files keeps its positionals.
    expect(readCommandLine(spec, ['a.json'], io().value)).toMatchObject({ positionals: ['a.json'] });
  });
});
