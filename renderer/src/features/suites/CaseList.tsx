import type { KeyboardEvent } from 'react';
import { editSuiteCase } from '../../commands';
import { Icon } from '../../ui/Icon';
import { staleness } from './caseResults';
import { describeActual, describeExpect, STATUS_TONE } from './caseView';
import { deleteCase, duplicateCase, moveCase, renameCase } from './suiteEdit';
import { applyEdit, openCase, selectAll, toggleSelected, useSuitesStore } from './suiteStore';

/** Alt+Up/Down on a row moves its case; the focus follows it to its new row. */
function moveKeys(index: number) {
  return (e: KeyboardEvent<HTMLLIElement>) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const by = e.key === 'ArrowUp' ? -1 : 1;
    applyEdit((s) => moveCase(s, index, by));
    const list = e.currentTarget.parentElement;
    requestAnimationFrame(() => (list?.children[index + by] as HTMLElement | undefined)?.focus());
  };
}

function CaseRow({ index }: { index: number }) {
  const c = useSuitesStore((s) => s.suite!.cases[index]!);
  const count = useSuitesStore((s) => s.suite!.cases.length);
  const selected = useSuitesStore((s) => s.selected[index] !== false);
  const kept = useSuitesStore((s) => s.run.results.get(s.ids[index] ?? ''));
  const result = kept?.result;
  const variables = useSuitesStore((s) => s.suite!.variables);
  // Edited (or a variable it uses changed) since it ran: the result is shown, but not as current.
  const stale = kept === undefined ? null : staleness(kept, c, variables);
  const opened = useSuitesStore((s) => s.openedCase === index);
  return (
    <li
      className={`case-row ${opened ? 'opened' : ''}`}
      tabIndex={0}
      onKeyDown={moveKeys(index)}
      data-testid="suite-case"
      data-status={result?.status ?? 'none'}
      data-stale={stale ? 'true' : undefined}
    >
      <input
        type="checkbox"
        checked={selected}
        onChange={() => toggleSelected(index)}
        aria-label={`Run “${c.name}”`}
        data-testid="case-select"
      />
      <div className="case-main">
        <input
          className="case-name"
          value={c.name}
          aria-label={`Name of case ${index + 1}`}
          onChange={(e) => applyEdit((s) => renameCase(s, index, e.target.value))}
          data-testid="case-name"
        />
        <button
          type="button"
          className="case-compare"
          onClick={() => void openCase(index)}
          disabled={!result?.deliveryId}
          title={result?.deliveryId ? 'Open its lifecycle' : 'Run the case to see its lifecycle'}
          data-testid="case-open"
        >
          <span className="case-expect">
            <span className="muted">expected</span> {describeExpect(c.expect)}
          </span>
          {result && (
            <span className="case-actual">
              <span className="muted">actual</span> {describeActual(result)}
            </span>
          )}
          {result && result.messages.length > 0 && result.status === 'failed' && (
            <span className="case-messages">{result.messages.join('; ')}</span>
          )}
        </button>
      </div>
      {result && (
        <span className="case-result">
          <span
            className={`chip tone-${stale ? 'neutral' : STATUS_TONE[result.status]}`}
            data-testid="case-status"
          >
            {result.status}
          </span>
          {stale && (
            <span
              className="case-stale muted small"
              title={
                stale === 'edited'
                  ? "The case's event or expectation changed after it ran: run it again for a current result"
                  : 'A variable the case uses changed after it ran: run it again for a current result'
              }
              data-testid="case-stale"
              data-stale-because={stale}
            >
              stale
              <span className="visually-hidden">
                : {stale === 'edited' ? 'edited after it ran' : 'a variable it uses changed after it ran'}
              </span>
            </span>
          )}
        </span>
      )}
      <div className="case-actions">
        <button
          type="button"
          className="ghost-button icon-button"
          disabled={index === 0}
          onClick={() => applyEdit((s) => moveCase(s, index, -1))}
          aria-label={`Move “${c.name}” up (Alt+Up)`}
        >
          ↑
        </button>
        <button
          type="button"
          className="ghost-button icon-button"
          disabled={index === count - 1}
          onClick={() => applyEdit((s) => moveCase(s, index, 1))}
          aria-label={`Move “${c.name}” down (Alt+Down)`}
        >
          ↓
        </button>
        <button
          type="button"
          className="ghost-button"
          onClick={() => editSuiteCase(index)}
          data-testid="case-edit"
        >
          <Icon name="open-in" /> Edit
        </button>
        <button
          type="button"
          className="ghost-button"
          onClick={() => applyEdit((s) => duplicateCase(s, index))}
          aria-label={`Duplicate “${c.name}”`}
        >
          <Icon name="copy" />
        </button>
        <button
          type="button"
          className="ghost-button"
          onClick={() => applyEdit((s) => deleteCase(s, index))}
          aria-label={`Delete “${c.name}”`}
          data-testid="case-delete"
        >
          <Icon name="close" />
        </button>
      </div>
    </li>
  );
}

export function CaseList() {
  const count = useSuitesStore((s) => s.suite?.cases.length ?? 0);
  const selectedCount = useSuitesStore((s) => s.selected.filter((on) => on !== false).length);
  return (
    <section className="pane suite-cases" aria-labelledby="suite-cases-title">
      <div className="pane-head">
        <h2 id="suite-cases-title">
          Cases <span className="muted">({count})</span>
        </h2>
        <label className="case-select-all">
          <input
            type="checkbox"
            checked={count > 0 && selectedCount === count}
            onChange={(e) => selectAll(e.target.checked)}
            data-testid="case-select-all"
          />{' '}
          All
        </label>
      </div>
      {count === 0 ? (
        <p className="empty muted" data-testid="suite-no-cases">
          No cases yet: write an event in the Tester and press “Save to suite”.
        </p>
      ) : (
        <ol className="case-list">
          {Array.from({ length: count }, (_, i) => (
            <CaseRow key={i} index={i} />
          ))}
        </ol>
      )}
    </section>
  );
}
