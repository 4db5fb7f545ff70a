import { describe, expect, it } from 'vitest';
import { runSoak } from '../helpers/soak';

describe('exactly-once soak: 1,000 activity posts through lost answers, resets and limit bursts', () => {
  it('every event ends delivered or uncertain, none is stored twice, and the counts match the sandbox', async () => {
    const { reports, stored, stats, elapsedMs } = await runSoak({ events: 1000, windowMs: 100, seed: 7 });
    const outcomes = new Map<string, number>();
    for (const r of reports) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    const others = reports.filter((r) => r.outcome !== 'delivered' && r.outcome !== 'uncertain');
    expect(others.map((r) => `${r.outcome} ${r.code}: ${r.reason}`)).toEqual([]);
    expect([...stored.values()].every((count) => count === 1)).toBe(true);

    const delivered = reports.filter((r) => r.outcome === 'delivered');
    const uncertain = reports.filter((r) => r.outcome === 'uncertain');
    // Every delivered event is stored. An uncertain one is exactly that: its post's answer was lost and
    // no read-back could settle it in time, so the sandbox may hold it or not (on a loaded machine the
    // read-backs themselves run into the faults more often). Never is an event both unreported and stored.
    reports.forEach((report, i) => {
      if (report.outcome === 'delivered') expect(stored.has(`Soak ${i}`)).toBe(true);
    });
    expect(stored.size).toBeGreaterThanOrEqual(delivered.length);
    expect(stored.size).toBeLessThanOrEqual(delivered.length + uncertain.length);
    const confirmed = delivered.filter((r) => /Confirmed by reading Marketo back/.test(r.reason ?? ''));
    expect(confirmed.length).toBeGreaterThan(0);
    expect(stats.faultsInjected).toBeGreaterThan(100);
    console.info(
      `soak: ${reports.length} events in ${Math.round(elapsedMs)} ms; ${delivered.length} delivered (${confirmed.length} confirmed by read-back), ` +
        `${outcomes.get('uncertain') ?? 0} uncertain; ${stats.faultsInjected} faults, ${stats.totalCalls} calls, 606 refused ${stats.refused606}, 615 refused ${stats.refused615}`,
    );
  }, 60_000);
});
