import { describeProblem, selectProblemCounts, useDraftStore, type Problem } from './draftStore';
import { revealInDraft } from './editorBridge';
import { Icon } from '../../ui/Icon';

function ProblemRow({ problem }: { problem: Problem }) {
  const located = problem.line !== null;
  const content = (
    <>
      <Icon name={problem.severity} className={`problem-icon ${problem.severity}`} />
      <span className="problem-message">
        {problem.source === 'marketo' && <span className="problem-source">Marketo</span>}
        {describeProblem(problem)}
        {problem.fix && <span className="problem-fix"> Fix: {problem.fix}</span>}
      </span>
      {located && <span className="problem-where">Ln {problem.line}</span>}
    </>
  );
  return (
    <li className={`problem ${problem.severity}`}>
      {located ? (
        <button
          type="button"
          className="problem-button"
          onClick={() => revealInDraft(problem.line as number, problem.column ?? 1)}
          title="Show in the editor"
        >
          {content}
        </button>
      ) : (
        <div className="problem-button static">{content}</div>
      )}
    </li>
  );
}

/** The number, seen; with its noun for screen readers ("1 error, 0 warnings"), no aria-label on a span. */
function CountPill({
  count,
  severity,
  noun,
}: {
  count: number;
  severity: Problem['severity'];
  noun: string;
}) {
  return (
    <span className={`count-pill ${severity} ${count === 0 ? 'zero' : ''}`} data-testid={`count-${severity}`}>
      {count}
      <span className="visually-hidden"> {count === 1 ? noun : `${noun}s`},</span>
    </span>
  );
}

export function ProblemsList() {
  const problems = useDraftStore((s) => s.problems);
  const status = useDraftStore((s) => s.status);
  const { errors, warnings, infos } = selectProblemCounts({ problems });

  return (
    <section className="problems" aria-labelledby="problems-title" data-testid="problems">
      <header className="problems-head">
        <h2 id="problems-title">Problems</h2>
        <CountPill count={errors} severity="error" noun="error" />
        <CountPill count={warnings} severity="warning" noun="warning" />
        {infos > 0 && <CountPill count={infos} severity="info" noun="note" />}
      </header>
      {status === 'loading' ? (
        <div className="skeleton-line" aria-hidden="true" />
      ) : (
        <>
          {!problems.some((p) => p.source !== 'marketo') && (
            <p className="problems-empty">
              <Icon name="check" className="ok-icon" /> Valid Segment event.
              {errors === 0 ? ' Ready to send.' : ' Marketo would reject it as it is:'}
            </p>
          )}
          {problems.length > 0 && (
            <ul className="problem-list">
              {problems.map((p, i) => (
                <ProblemRow key={`${p.severity}-${p.path}-${i}`} problem={p} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
