import pLimit from 'p-limit';
import { describe, it } from 'vitest';
import {
  createDeliveryEngine,
  createSendService,
  createTargetRegistry,
  sandboxTarget,
  startSandbox,
} from '../../electron/core';
import { runSuite } from '../../electron/core/suites/runner';
import type { SuiteFile } from '../../shared/suites';
import { batchSettings, identifies, tracks } from '../helpers/batchSoak';

/**
 * Issue 10's bench: a 10,000-event suite for 1,000 people against the sandbox, two ways, printed
 * side by side: batched (the runner's path, at Marketo's real limits: 100 calls per 20 s, 10 in
 * flight) and one lookup and one post per event, as Segment's destination does. The second way
 * needs 20,000 calls, 4,000 s at the real limits, so it runs on BENCH_SEGMENT_EVENTS events (default
 * 2,000) with the rate window shortened by BENCH_SCALE (default 20) on both sides, and its figures
 * are scaled back: calls per event are exact, wall time is measured x scale.
 */
const EVENTS = 10_000;
const PEOPLE = 1_000;
const REAL_WINDOW_MS = 20_000;
const SCALE = Number(process.env.BENCH_SCALE ?? 20);
const SEGMENT_EVENTS = Number(process.env.BENCH_SEGMENT_EVENTS ?? 2_000);
/** Marketo's floor for 10,000 tracks of 1,000 known people: 4 lookups of 300 + 34 posts of 300. */
const FLOOR = (Math.ceil(PEOPLE / 300) + Math.ceil(EVENTS / 300)) / EVENTS;

/** The least time the rate limit allows for `calls`: a full window per 100 calls after the first 100. */
const rateBoundMs = (calls: number, windowMs: number) => Math.max(0, Math.ceil(calls / 100) - 1) * windowMs;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe('batched delivery vs one lookup and one post per event', () => {
  it('10,000 events for 1,000 people', async () => {
    const suite: SuiteFile = {
      formatVersion: 1,
      name: 'Bench',
      cases: tracks(EVENTS, PEOPLE, 'Bench').map((item, i) => ({
        name: `event ${i}`,
        event: item.event as Record<string, unknown>,
        expect: { outcome: 'delivered' as const },
      })),
    };

    // Batched, at the real limits.
    const sandbox = await startSandbox({ rateLimit: { calls: 100, windowMs: REAL_WINDOW_MS } });
    const settings = batchSettings(sandbox, false);
    const target = { endpoint: sandbox.url, ...sandbox.credentials };
    const setup = createDeliveryEngine();
    await setup.deliverBatch(identifies(PEOPLE), target, settings);
    setup.close();
    // The people exist now; the measured run starts with no token and no lead ids cached, and with
    // a fresh rate window.
    await new Promise((resolve) => setTimeout(resolve, REAL_WINDOW_MS));
    const before = sandbox.stats().totalCalls;
    const engine = createDeliveryEngine();
    const sends = createSendService({
      engine,
      targets: createTargetRegistry([sandboxTarget(sandbox)]),
      recorder: null,
    });
    const started = performance.now();
    const outcome = await runSuite({ suite, sends, targetId: 'sandbox', settings });
    const batchedMs = performance.now() - started;
    engine.close();
    const batchedCalls = sandbox.stats().totalCalls - before;
    const run = outcome.ok ? outcome.value.run : null;
    await sandbox.close();

    // One lookup and one post per event, on a sample at a shortened window.
    const windowMs = REAL_WINDOW_MS / SCALE;
    const segment = await startSandbox({ rateLimit: { calls: 100, windowMs } });
    const segTarget = { endpoint: segment.url, ...segment.credentials };
    const segSettings = batchSettings(segment, false);
    const seed = createDeliveryEngine({ windowMs });
    await seed.deliverBatch(identifies(PEOPLE), segTarget, segSettings);
    seed.close();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    // No lead cache: every track looks its person up, as Segment's destination does.
    const perEvent = createDeliveryEngine({ windowMs, leadCacheTtlMs: 0 });
    const segBefore = segment.stats().totalCalls;
    const limit = pLimit(10);
    const segStarted = performance.now();
    const reports = await Promise.all(
      tracks(SEGMENT_EVENTS, PEOPLE, 'Seg').map((item) =>
        limit(() => perEvent.deliver(item.event, segTarget, segSettings)),
      ),
    );
    const segMs = (performance.now() - segStarted) * SCALE * (EVENTS / SEGMENT_EVENTS);
    const segCalls = ((segment.stats().totalCalls - segBefore) * EVENTS) / SEGMENT_EVENTS;
    perEvent.close();
    await segment.close();

    const rows = [
      ['', 'one lookup + one post per event', 'batched (this app)'],
      ['events', `${EVENTS} (measured on ${SEGMENT_EVENTS}, scaled)`, `${EVENTS}`],
      ['API calls', `${Math.round(segCalls)}`, `${batchedCalls}`],
      ['calls per event', (segCalls / EVENTS).toFixed(4), (batchedCalls / EVENTS).toFixed(4)],
      ['floor (calls per event)', FLOOR.toFixed(4), FLOOR.toFixed(4)],
      ['wall time at 100 calls / 20 s', seconds(segMs), seconds(batchedMs)],
      [
        'least the rate limit allows',
        seconds(rateBoundMs(segCalls, REAL_WINDOW_MS)),
        seconds(rateBoundMs(batchedCalls, REAL_WINDOW_MS)),
      ],
      [
        'wall time / rate-limit bound',
        (segMs / Math.max(1, rateBoundMs(segCalls, REAL_WINDOW_MS))).toFixed(2),
        rateBoundMs(batchedCalls, REAL_WINDOW_MS) === 0
          ? 'n/a (under one window)'
          : (batchedMs / rateBoundMs(batchedCalls, REAL_WINDOW_MS)).toFixed(2),
      ],
      [
        'delivered',
        `${reports.filter((r) => r.outcome === 'delivered').length} of ${SEGMENT_EVENTS}`,
        `${run?.counts.passed ?? 0} of ${EVENTS}`,
      ],
    ];
    const width = rows
      .map((r) => r.map((c) => c.length))
      .reduce((a, b) => a.map((w, i) => Math.max(w, b[i]!)));
    console.info(
      `\nBatched delivery bench (issue 10): target <= 0.02 calls per event batched; floor ${FLOOR.toFixed(4)}\n` +
        rows.map((r) => r.map((c, i) => c.padEnd(width[i]!)).join('  ')).join('\n'),
    );
  });
});
