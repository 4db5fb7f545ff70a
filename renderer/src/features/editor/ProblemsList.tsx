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

export function ProblemsList() {
  const problems = useDraftStore((s) => s.problems);
  const status = useDraftStore((s) => s.status);
  const { errors, warnings, infos } = selectProblemCounts({ problems });

  return (
    <section className="problems" aria-labelledby="problems-title" data-testid="problems">
      <header className="problems-head">
        <h2 id="problems-title">Problems</h2>
        <span className={`count-pill error ${errors === 0 ? 'zero' : ''}`} aria-label={`${errors} errors`}>
          {errors}
        </span>
        <span
          className={`count-pill warning ${warnings === 0 ? 'zero' : ''}`}
          aria-label={`${warnings} warnings`}
        >
          {warnings}
        </span>
        {infos > 0 && (
          <span className="count-pill info" aria-label={`${infos} notes`}>
            {infos}
          </span>
        )}
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
