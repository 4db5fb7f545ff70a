import { useCallback } from 'react';
import { cancelSend } from '../../commands';
import { useOnShow } from '../../ui/useOnShow';
import { BuilderPane } from '../builder';
import { EditorPane, focusDraft } from '../editor';
import { LifecyclePanel } from '../lifecycle';
import { TopBar } from '../send';
import { SandboxNote } from './SandboxNote';
import './tester.css';

/** The tester: the draft (Builder, JSON, Pretty) and its send on the left, the live lifecycle on the right. */
export function TesterView({ active }: { active: boolean }) {
  // Coming back to the Tester puts the caret back in the draft (a no-op before Monaco is up).
  useOnShow(
    active,
    useCallback(() => focusDraft(), []),
  );
  return (
    <div className="tester-view stacking-view">
      <TopBar />
      <SandboxNote />
      <div className="workspace stacking-panes">
        <EditorPane builder={<BuilderPane />} />
        <LifecyclePanel onCancel={() => void cancelSend()} />
      </div>
    </div>
  );
}
