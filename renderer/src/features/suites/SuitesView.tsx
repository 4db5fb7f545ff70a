import { useCallback } from 'react';
import { Icon } from '../../ui/Icon';
import { useOnShow } from '../../ui/useOnShow';
import { LifecyclePanel } from '../lifecycle';
import { ProductionConfirm } from '../profiles';
import { CaseList } from './CaseList';
import { RunPanel } from './RunPanel';
import { dropHandlers, SuiteToolbar } from './SuiteToolbar';
import { VariablesSection } from './VariablesSection';
import { refreshRecent, refreshRuns, useSuiteLifecycle, useSuitesStore } from './suiteStore';
import './suites.css';

function Message() {
  const message = useSuitesStore((s) => s.message);
  if (!message) return null;
  return (
    <div
      className={`banner tone-${message.tone} suite-message`}
      role={message.tone === 'danger' ? 'alert' : 'status'}
      data-testid="suite-message"
    >
      <Icon name={message.tone === 'danger' ? 'error' : 'check'} />
      <span className="suite-message-text">{message.text}</span>
      <button
        type="button"
        className="ghost-button"
        onClick={() => useSuitesStore.setState({ message: null })}
      >
        Dismiss
      </button>
    </div>
  );
}

function NoSuite() {
  return (
    <div className="empty" data-testid="suite-empty">
      <div className="empty-art" aria-hidden="true">
        <Icon name="check" />
      </div>
      <p className="empty-title">Open a suite or start a new one</p>
      <p className="muted">
        Type a <code className="kbd-inline">*.suite.json</code> path, upload or drop a file here, or press New
        and add events from the Tester with “Save to suite”.
      </p>
    </div>
  );
}

const placeholder = (
  <div className="empty" data-testid="suite-lifecycle-empty">
    <p className="empty-title">Run the suite, then open a case to see its lifecycle</p>
  </div>
);

/** Saved test suites: the file, its cases, runs against the active profile, each case's lifecycle. */
export function SuitesView({ active }: { active: boolean }) {
  const hasSuite = useSuitesStore((s) => s.suite !== null);
  useOnShow(
    active,
    useCallback(() => {
      void refreshRecent();
      void refreshRuns();
    }, []),
  );
  return (
    <div className="suites-view stacking-view" data-testid="suites-view" {...dropHandlers()}>
      <SuiteToolbar />
      <Message />
      {hasSuite ? (
        <div className="suites-workspace stacking-panes">
          <div className="suites-left">
            <RunPanel />
            <VariablesSection />
            <CaseList />
          </div>
          <LifecyclePanel store={useSuiteLifecycle} placeholder={placeholder} />
        </div>
      ) : (
        <NoSuite />
      )}
      <ProductionConfirm />
    </div>
  );
}
