/**
 * Issue 7, "never leak": a stub Marketo that echoes the request back in every way a misbehaving
 * server or proxy does (error pages quoting the URL and the Authorization header, JSON echoing the
 * headers, response headers, base64 dumps, percent-, form- and JSON-escaped copies). No secret and
 * no token may appear in anything the product records, pushes, prints or stores.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDeliveryEngine,
  createSendService,
  createTargetRegistry,
  openHistory,
  type Target,
} from '../../electron/core';
import {
  startEchoMarketo,
  startReadBackEchoMarketo,
  secretForms,
  type EchoMarketo,
} from '../helpers/echoMarketo';
import { webinarTrack } from '../helpers/events';
import { sandboxDefaultSettings } from '../../electron/core/sandbox';
import { DestinationSettingsSchema } from '../../shared/settings';

const ROOT = resolve(__dirname, '../..');
const CLIENT_ID = 'echo-client-5e1d9b';
// Characters that encode differently in URLs, forms, JSON and base64.
const SECRET = 'se/cr+et=Leak 7f3a"9c\\ü';
let echo: EchoMarketo;
let url: string;
let tokens: string[];
let dir: string;
/** The tokens the read-back echo issues (its own server, its own tokens), once it runs. */
let readBackTokens: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leak-'));
  echo = await startEchoMarketo();
  url = echo.url;
  tokens = echo.tokens;
});
afterAll(async () => {
  await echo.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectClean(what: string, text: string) {
  for (const secret of [SECRET, CLIENT_ID, ...tokens, ...readBackTokens]) {
    for (const form of secretForms(secret)) {
      const at = text.indexOf(form);
      if (at >= 0)
        throw new Error(
          `${what} contains a form of a secret: …${text.slice(Math.max(0, at - 200), at + 60)}`,
        );
    }
  }
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const settings = () =>
  DestinationSettingsSchema.parse({
    ...sandboxDefaultSettings(),
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    readBack: { pollMs: 0, intervalMs: 0 },
    timeoutMs: 2_000,
  });

/** The built CLI with the echo target's credentials; stdout and stderr together. */
function runCli(args: string[], home: string): Promise<string> {
  return new Promise<string>((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/event-tester.mjs'), ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        EVENT_TESTER_HOME: home,
        MARKETO_CLIENT_ID: CLIENT_ID,
        MARKETO_CLIENT_SECRET: SECRET,
      },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', fail);
    child.on('close', () => done(out));
  });
}

describe('an echoing server', () => {
  it('leaks nothing into results, pushes, the store, its files or the CLI output', async () => {
    const home = join(dir, 'home');
    const history = openHistory({ dataDir: home });
    const engine = createDeliveryEngine();
    const target: Target = {
      id: 'echo',
      name: 'Echo',
      kind: 'marketo',
      endpoint: url,
      credentials: { clientId: CLIENT_ID, clientSecret: SECRET },
      settings: settings(),
    };
    const pushes: unknown[] = [];
    const sends = createSendService({
      engine,
      targets: createTargetRegistry([target]),
      recorder: history.store!.deliveries,
      onRecorded: (summary) => pushes.push({ channel: 'history:recorded', summary }),
    });
    const results: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const sent = await sends.send({
        event: webinarTrack({ properties: { webinar: `Echo ${i}` } }),
        targetId: 'echo',
        source: 'app',
        onInteraction: (interaction) =>
          pushes.push({ channel: 'event:progress', sendId: `s${i}`, interaction }),
      });
      results.push(sent);
    }
    engine.close();
    const rows = [
      ...history
        .store!.deliveries.list({ offset: 0, limit: 100 })
        .items.map((s) => history.store!.deliveries.get(s.id)),
    ];
    history.store!.close();
    expect(tokens.length).toBeGreaterThan(0);
    expect(echo.counts.rest).toBeGreaterThan(3);
    expectClean('a DeliveryResult', JSON.stringify(results));
    expectClean('a push', JSON.stringify(pushes));
    expectClean('a stored row', JSON.stringify(rows));

    // The CLI: --json and the human form, recorded in the same data folder.
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify(webinarTrack()));
    const settingsFile = join(dir, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(settings()));
    for (const extra of [['--json'], [], ['--verify']]) {
      const printed = await runCli(
        ['send', event, '--endpoint', url, '--settings', settingsFile, ...extra],
        home,
      );
      expect(printed.length).toBeGreaterThan(100);
      expectClean(`send ${extra.join(' ')} output`, printed);
    }
    for (const file of filesUnder(home))
      expectClean(
        `the file ${file}`,
        readFileSync(file).toString('latin1') + readFileSync(file).toString('utf8'),
      );
  }, 60_000);
});

describe('a read-back that echoes secrets', () => {
  it('leaks nothing of a verified send into its result, the store, history show or the CLI', async () => {
    const readBackEcho = await startReadBackEchoMarketo();
    readBackTokens = readBackEcho.tokens;
    const home = join(dir, 'home-verify');
    try {
      const history = openHistory({ dataDir: home });
      const engine = createDeliveryEngine();
      const target: Target = {
        id: 'echo',
        name: 'Echo',
        kind: 'marketo',
        endpoint: readBackEcho.url,
        credentials: { clientId: CLIENT_ID, clientSecret: SECRET },
        settings: settings(),
      };
      const sends = createSendService({
        engine,
        targets: createTargetRegistry([target]),
        recorder: history.store!.deliveries,
      });
      const sent = await sends.send({ event: webinarTrack(), targetId: 'echo', source: 'app', verify: true });
      engine.close();
      expect(sent.ok && sent.value.outcome).toBe('delivered');
      const result = sent.ok ? sent.value : null;
      // The echo reached the comparison (so this test can fail), redacted.
      expect(result!.readBack).toMatchObject({
        found: true,
        activityId: expect.stringContaining('[REDACTED]'),
      });
      expect(JSON.stringify(result!.readBack!.fields)).toContain('[REDACTED]');
      const row = history.store!.deliveries.get(result!.id);
      history.store!.close();
      expect(row!.readBack).toEqual(result!.readBack);
      expectClean('a verified DeliveryResult', JSON.stringify(result));
      expectClean('a verified stored row', JSON.stringify(row));

      const event = join(dir, 'verify-event.json');
      writeFileSync(event, JSON.stringify(webinarTrack()));
      const settingsFile = join(dir, 'verify-settings.json');
      writeFileSync(settingsFile, JSON.stringify(settings()));
      const send = ['send', event, '--endpoint', readBackEcho.url, '--settings', settingsFile, '--verify'];
      const human = await runCli(send, home);
      expect(human).toMatch(/Read back: activity .*\[REDACTED\].* as Marketo stored it:/);
      expectClean('send --verify output', human);
      expectClean('send --verify --json output', await runCli([...send, '--json'], home));
      const listed = await runCli(['history', '--json'], home);
      const ids = (JSON.parse(listed) as { id: string; readBack?: unknown }[]).map((r) => {
        expect(r.readBack).toBeDefined();
        return r.id;
      });
      expect(ids).toHaveLength(3);
      expectClean('history --json output', listed);
      for (const id of ids) {
        const shown = await runCli(['history', 'show', id], home);
        expect(shown).toMatch(/Read back: activity /);
        expectClean(`history show ${id}`, shown);
      }
      expect(readBackEcho.tokens.length).toBeGreaterThan(0);
      for (const file of filesUnder(home))
        expectClean(
          `the file ${file}`,
          readFileSync(file).toString('latin1') + readFileSync(file).toString('utf8'),
        );
    } finally {
      await readBackEcho.close();
    }
  }, 60_000);
});
