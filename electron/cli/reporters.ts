/**
 * `event-tester run` reports: text for people, JSON with every lifecycle (already redacted when
 * recorded; scrubbed again by the caller) for tools, JUnit XML for CI servers.
 */
import type { DeliveryResult } from '../../shared/interaction';
import type { CaseResult, SuiteRun } from '../../shared/suiteRun';

export interface RunReport {
  run: SuiteRun;
  deliveries: Map<number, DeliveryResult>;
}

const MARK: Record<CaseResult['status'], string> = { passed: '✓', failed: '✗', skipped: '-' };

export function textReport(reports: readonly RunReport[]): string {
  const lines: string[] = [];
  for (const { run } of reports) {
    lines.push(`${run.suiteName}${run.suitePath ? ` (${run.suitePath})` : ''} against ${run.targetId}`);
    for (const c of run.cases) {
      const tail = c.status === 'passed' ? '' : `\n      ${c.messages.join('\n      ')}`;
      lines.push(`  ${MARK[c.status]} ${c.name}${tail}`);
    }
    const { executed, passed, failed, skipped } = run.counts;
    lines.push(
      `  ${run.status}: ${executed} executed, ${passed} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
  return lines.join('\n');
}

export function jsonReport(reports: readonly RunReport[]): string {
  return JSON.stringify(
    {
      passed: reports.every((r) => r.run.status === 'passed'),
      runs: reports.map(({ run, deliveries }) => ({
        ...run,
        cases: run.cases.map((c) => ({ ...c, delivery: deliveries.get(c.index) ?? null })),
      })),
    },
    null,
    2,
  );
}

const xml = (text: string) =>
  text
    // Characters XML 1.0 cannot hold at all.
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function junitReport(reports: readonly RunReport[]): string {
  const suites = reports.map(({ run }) => {
    const seconds = (ms: number) => (ms / 1000).toFixed(3);
    const total =
      run.finishedAt === null ? 0 : Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt));
    const cases = run.cases.map((c) => {
      const open = `    <testcase classname="${xml(run.suiteName)}" name="${xml(c.name)}" time="${seconds(c.durationMs)}"`;
      if (c.status === 'passed') return `${open}/>`;
      if (c.status === 'skipped')
        return `${open}>\n      <skipped message="${xml(c.messages.join('; '))}"/>\n    </testcase>`;
      const message = c.messages.join('\n');
      return `${open}>\n      <failure message="${xml(c.messages[0] ?? 'failed')}" type="expectation">${xml(message)}</failure>\n    </testcase>`;
    });
    return (
      `  <testsuite name="${xml(run.suiteName)}" tests="${run.counts.total}" failures="${run.counts.failed}" errors="0" ` +
      `skipped="${run.counts.skipped}" time="${seconds(total)}" timestamp="${xml(run.startedAt)}">\n${cases.join('\n')}\n  </testsuite>`
    );
  });
  const totals = reports.reduce(
    (t, { run }) => ({
      tests: t.tests + run.counts.total,
      failures: t.failures + run.counts.failed,
      skipped: t.skipped + run.counts.skipped,
    }),
    { tests: 0, failures: 0, skipped: 0 },
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="event-tester" tests="${totals.tests}" failures="${totals.failures}" skipped="${totals.skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
