import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaReportSchema } from '../../shared/collector';
import { openHistory } from '../../electron/core';

/**
 * `event-tester schema` counts in the same days as the Schema view (local midnight), or in UTC days
 * with --utc, and says which. Run in a +05:30 zone, where the two differ, over the built CLI.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/event-tester.mjs');
let home: string;

function schema(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'schema', '--since', '3d', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', EVENT_TESTER_HOME: home, TZ: 'Asia/Kolkata' },
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), 'event-tester-schema-days-'));
  const history = openHistory({ dataDir: home });
  const now = Date.now();
  history.store!.received.recordMany(
    [1, 2].map((hoursAgo) => ({
      arrivedAt: new Date(now - hoursAgo * 3_600_000),
      writeKey: 'wk_days',
      endpoint: '/v1/track',
      library: null,
      type: 'track',
      eventName: 'Day Counted',
      userId: 'u1',
      anonymousId: null,
      good: true,
      problems: [],
      payload: { type: 'track', event: 'Day Counted', userId: 'u1' },
    })),
  );
  history.store!.close();
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('event-tester schema days', () => {
  it("buckets by this machine's local midnight by default, as the view does, and says so", () => {
    const report = SchemaReportSchema.parse(JSON.parse(schema(['--json'])));
    expect(report.total).toBe(2);
    // Local midnight in +05:30 is 18:30 UTC the day before.
    for (const bucket of report.buckets) expect(bucket.at).toMatch(/T18:30:00\.000Z$/);
    expect(schema([])).toContain('Counted in local days (UTC+05:30), as the Schema view');
  });

  it('buckets by UTC midnight with --utc', () => {
    const report = SchemaReportSchema.parse(JSON.parse(schema(['--json', '--utc'])));
    for (const bucket of report.buckets) expect(bucket.at).toMatch(/T00:00:00\.000Z$/);
    expect(schema(['--utc'])).toContain('Counted in UTC days.');
  });
});
