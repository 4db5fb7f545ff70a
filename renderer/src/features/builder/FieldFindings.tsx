import { useMemo } from 'react';
import type { JsonPath } from '../../../../shared/json/path';
import { useDraftStore, type Problem } from '../editor';
import { findingsAt } from './builderModel';

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** The draft's findings (Segment validation and the Marketo lint) at `path` (and inside it, `within`). */
export function useFieldFindings(path: JsonPath, within = false): Problem[] {
  const problems = useDraftStore((s) => s.problems);
  // The path is a new array each render; its printed form is what the findings depend on.
  const key = JSON.stringify(path);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `path`
  return useMemo(() => findingsAt(problems, path, within), [problems, key, within]);
}

/**
 * Findings shown under their field as well as in the Problems list, so the form says what is
 * wrong where it can be fixed.
 */
export function FindingsList({ findings }: { findings: readonly Problem[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="b-findings" data-testid="field-findings">
      {findings.map((f, i) => (
        <li key={i} className={`b-finding ${f.severity}`}>
          <span className="b-finding-severity">{SEVERITY_WORD[f.severity]}:</span> {f.message}
          {f.fix && <span className="b-finding-fix"> {f.fix}</span>}
        </li>
      ))}
    </ul>
  );
}

export function FieldFindings({ path, within = false }: { path: JsonPath; within?: boolean }) {
  return <FindingsList findings={useFieldFindings(path, within)} />;
}
