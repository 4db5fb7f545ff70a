import { expect, it } from 'vitest';
import { runSoak } from '../helpers/soak';

/**
 * `npm run bench:store`: the exactly-once soak at full size (10,000 posts, a 1 s window), printed.
 * The same checks as the fast test in test/integration/exactlyOnceSoak.test.ts.
 */
it('exactly-once soak, 10,000 activity posts', async () => {
  const { reports, stored, stats, elapsedMs } = await runSoak({ events: 10_000, windowMs: 1000, seed: 11 });
  const delivered = reports.filter((r) => r.outcome === 'delivered');
  const uncertain = reports.filter((r) => r.outcome === 'uncertain');
  expect(delivered.length + uncertain.length).toBe(reports.length);
  expect([...stored.values()].every((count) => count === 1)).toBe(true);
  expect(delivered.length).toBe(stored.size);
  console.info(
    `exactly-once soak: ${reports.length} posts in ${(elapsedMs / 1000).toFixed(1)} s: ${delivered.length} delivered, ` +
      `${uncertain.length} uncertain, 0 stored twice; ${stats.faultsInjected} faults, ${stats.totalCalls} calls`,
  );
});
