import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceivedEventSchema, SchemaReportSchema } from '../../shared/collector';
import { DeliveryRecordSchema } from '../../shared/history';

/**
 * `event-tester collect` run as a user would (the built CLI, its own data folder), fed over HTTP by
 * Segment's own analytics-node library and by hand-made requests in the shapes the other libraries
 * use; then `events` and `schema` read the same store, and `--forward sandbox` delivers.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/event-tester.mjs');
let dir: string;

function cli(home: string, args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: home },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

async function startCollect(home: string, extra: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'collect', '--port', '0', ...extra], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: home },
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collect did not start:\n${out}`)), 20_000);
    const poll = setInterval(() => {
      const match = /Collector listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]!);
      }
    }, 20);
  });
  return {
    child,
    url,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGINT');
      }),
  };
}

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cli-collect-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('event-tester collect, events and schema', () => {
  it('stores all six calls from @segment/analytics-node pointed at it with `host`', async () => {
    const home = path.join(dir, 'node-lib');
    const collect = await startCollect(home);
    try {
      const analytics = new Analytics({
        writeKey: 'wk_node',
        host: collect.url,
        flushInterval: 50,
        maxRetries: 0,
      });
      analytics.identify({ userId: 'user-1001', traits: { email: 'ada@example.com', plan: 'Gold' } });
      analytics.track({
        userId: 'user-1001',
        event: 'Webinar Registered',
        properties: { webinar: 'Spring' },
      });
      analytics.page({
        userId: 'user-1001',
        name: 'Pricing',
        properties: { url: 'https://example.com/pricing' },
      });
      analytics.screen({ userId: 'user-1001', name: 'Home' });
      analytics.group({ userId: 'user-1001', groupId: 'acme', traits: { name: 'Acme' } });
      analytics.alias({ userId: 'user-1001', previousId: 'anon-1' });
      await analytics.closeAndFlush({ timeout: 10_000 });
      // The collector prints each event as it is stored.
      await expect.poll(() => collect.output().match(/ good$/gm)?.length ?? 0).toBe(6);
    } finally {
      expect(await collect.stop()).toBe(0);
    }

    const run = cli(home, ['events', '--json']);
    expect(run.stderr).toBe('');
    const events = ReceivedEventSchema.array().parse(JSON.parse(run.stdout));
    expect(events.map((e) => e.type).sort()).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'screen',
      'track',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ writeKey: 'wk_node', good: true, endpoint: '/v1/batch' });
      expect(event.library).toBe('@segment/analytics-node');
    }
    const track = events.find((e) => e.type === 'track')!;
    expect(track.payload).toMatchObject({ event: 'Webinar Registered', properties: { webinar: 'Spring' } });

    const schema = SchemaReportSchema.parse(JSON.parse(cli(home, ['schema', '--json']).stdout));
    expect(schema.total).toBe(6);
    expect(schema.events).toContainEqual({ type: 'track', name: 'Webinar Registered', count: 1, good: 1 });
    const props = JSON.parse(cli(home, ['schema', '--event', 'Webinar Registered', '--json']).stdout);
    expect(props.properties).toEqual([{ path: 'webinar', count: 1, types: ['string'], required: false }]);
  });

  it('takes gzip, text/plain and Basic auth as the other libraries send them; events filters', async () => {
    const home = path.join(dir, 'shapes');
    const collect = await startCollect(home);
    try {
      const batch = {
        batch: [{ type: 'track', event: 'Trial Started', userId: 'u2', properties: { plan: 'Pro' } }],
      };
      const posts = [
        fetch(`${collect.url}/v1/batch`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Encoding': 'gzip',
            Authorization: basic('wk_ios'),
          },
          body: gzipSync(JSON.stringify(batch)),
        }),
        fetch(`${collect.url}/v1/p`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain', Origin: 'http://localhost:3000' },
          body: JSON.stringify({ type: 'page', anonymousId: 'a1', name: 'Docs', writeKey: 'wk_web' }),
        }),
        fetch(`${collect.url}/v1/track`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: basic('wk_web') },
          body: JSON.stringify({ userId: 'u3' }),
        }),
      ];
      for (const res of await Promise.all(posts)) expect(res.status).toBe(200);
      await expect.poll(() => collect.output().match(/^\d\d:\d\d/gm)?.length ?? 0).toBe(3);
    } finally {
      await collect.stop();
    }
    const json = (...args: string[]) =>
      ReceivedEventSchema.array().parse(JSON.parse(cli(home, ['events', '--json', ...args]).stdout));
    expect(json('--source', 'wk_ios').map((e) => e.eventName)).toEqual(['Trial Started']);
    expect(json('--bad').map((e) => [e.writeKey, e.endpoint])).toEqual([['wk_web', '/v1/track']]);
    expect(json('--type', 'page', '--good')).toHaveLength(1);
    expect(json('--search', 'docs')).toHaveLength(1);
    const table = cli(home, ['events']);
    expect(table.stdout).toContain('"Trial Started"');
    expect(table.stdout).toContain('BAD (1 problem)');
    expect(cli(home, ['events', '--type', 'click']).code).toBe(2);
  });

  it('--forward sandbox delivers good events through the send service, recorded as collector', async () => {
    const home = path.join(dir, 'forward');
    const collect = await startCollect(home, ['--forward', 'sandbox']);
    try {
      const analytics = new Analytics({
        writeKey: 'wk_fwd',
        host: collect.url,
        flushInterval: 50,
        maxRetries: 0,
      });
      analytics.track({
        userId: 'user-1001',
        event: 'Webinar Registered',
        properties: { webinar: 'Forwarded', email: 'ada@example.com' },
        context: { traits: { email: 'ada@example.com' } },
      });
      await analytics.closeAndFlush({ timeout: 10_000 });
      await expect.poll(() => collect.output()).toMatch(/ good$/m);
    } finally {
      // Stopping waits for the forward in flight.
      expect(await collect.stop()).toBe(0);
    }
    const run = cli(home, ['history', '--json']);
    const records = DeliveryRecordSchema.array().parse(JSON.parse(run.stdout));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ source: 'collector', targetId: 'sandbox', outcome: 'delivered' });
  });
});
