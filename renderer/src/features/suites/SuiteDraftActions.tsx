import { backToSuite, saveDraftToSuite, updateSuiteCase } from '../../commands';
import { useSuitesStore } from './suiteStore';

/**
 * The Tester's top bar: "Save to suite" always, and while a case is edited there, "Update case"
 * (takes the draft back into the case) and "Back to suite".
 */
export function SuiteDraftActions({ disabled }: { disabled: boolean }) {
  const editing = useSuitesStore((s) =>
    s.editing === null ? null : (s.suite?.cases[s.editing]?.name ?? null),
  );
  if (editing !== null)
    return (
      <>
        <button
          type="button"
          className="secondary-button"
          disabled={disabled}
          onClick={updateSuiteCase}
          title={`Put the draft back into “${editing}”`}
          data-testid="update-case"
        >
          Update case
        </button>
        <button type="button" className="ghost-button" onClick={backToSuite} data-testid="back-to-suite">
          Back to suite
        </button>
      </>
    );
  return (
    <button
      type="button"
      className="ghost-button"
      disabled={disabled}
      onClick={saveDraftToSuite}
      title="Add the draft to the open suite as a case (a new suite if none is open)"
      data-testid="save-to-suite"
    >
      Save to suite
    </button>
  );
}
