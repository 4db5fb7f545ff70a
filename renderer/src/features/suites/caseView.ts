import type { CaseResult } from '../../../../shared/suiteRun';
import type { SuiteExpect } from '../../../../shared/suites';

/**
 * What a case row shows, in words: its expectation and what the run produced, so the row compares
 * them side by side without logic in the component.
 */
export function describeExpect(expect: SuiteExpect): string {
  const parts: string[] = [expect.outcome];
  if (expect.code) parts.push(expect.code);
  if (expect.recordStatus)
    parts.push(`record ${expect.recordStatus}${expect.recordCode ? ` ${expect.recordCode}` : ''}`);
  if (expect.noRequest) parts.push('no request');
  if (expect.readBack) parts.push('read-back');
  return parts.join(' · ');
}

export function describeActual(result: CaseResult | undefined): string {
  if (!result) return '';
  const actual = result.actual;
  if (!actual) return result.messages.join('; ');
  const parts: string[] = [actual.outcome];
  if (actual.code) parts.push(actual.code);
  if (actual.recordStatus)
    parts.push(`record ${actual.recordStatus}${actual.recordCode ? ` ${actual.recordCode}` : ''}`);
  parts.push(`${actual.requests} ${actual.requests === 1 ? 'request' : 'requests'}`);
  return parts.join(' · ');
}

export const STATUS_TONE = { passed: 'success', failed: 'danger', skipped: 'neutral' } as const;

/** Share of the run accounted for (executed or skipped), 0..1, for the progress bar. */
export function runFraction(counts: { total: number; executed: number; skipped: number } | null): number {
  if (!counts || counts.total === 0) return 0;
  return Math.min(1, (counts.executed + counts.skipped) / counts.total);
}
