import { expect, it } from 'vitest';
import { runSoak } from '../helpers/soak';

/**
 * `npm run bench:store`: the exactly-once soak at full size (1,000 posts, a 2 s window: a tenth of Marketo's 20 s, where the test uses 100 ms), printed.
 * The same checks as the fast test in test/integration/exactlyOnceSoak.test.ts.
 */
it('exactly-once soak, 1,000 activity posts at a tenth of the real window', async () => {
  const { reports, stored, stats, elapsedMs } = await runSoak({ events: 1_000, windowMs: 2_000, seed: 11 });
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
