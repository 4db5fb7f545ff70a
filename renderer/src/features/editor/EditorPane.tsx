import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { eventTemplates } from '../../../../shared/segment/templates';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Icon } from '../../ui/Icon';
import { modKey } from '../../ui/platform';
import { useDraftStore, type SaveState } from './draftStore';
import { formatDraft } from './editorBridge';
import { useDraftPaneStore, type DraftTab } from './paneStore';
import { DraftCode } from './DraftCode';
import { ProblemsList } from './ProblemsList';
import { TEMPLATES } from './templateChoice';
import { answerTemplateQuestion, startFromTemplate, useTemplateReplace } from './templateReplace';
import './editor.css';

type EditorModule = { default: ComponentType };

// Monaco is the heaviest part of the bundle: the shell paints first, and the editor chunk starts
// loading at once (preloadEditor) in parallel with the draft instead of after it.
let editorModule: Promise<EditorModule> | null = null;
export function preloadEditor(): Promise<EditorModule> {
  editorModule ??= import('./EventEditor');
  return editorModule;
}
const EventEditor = lazy(preloadEditor);

const SAVE_LABELS: Record<SaveState, string> = {
  idle: 'Not saved yet',
  pending: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved',
};

/**
 * Until Monaco is in, the draft itself, read-only: the text is there at first paint and the
 * Builder already edits it; Monaco then opens on the same text.
 */
function DraftPreview() {
  const text = useDraftStore((s) => s.text);
  return (
    <pre
      className="draft-preview"
      aria-label="The draft (read-only while the editor loads)"
      data-testid="draft-preview"
    >
      {text}
    </pre>
  );
}

function EditorSkeleton() {
  return (
    <div className="editor-skeleton" aria-label="Loading the editor" role="progressbar">
      {[72, 48, 64, 56, 80, 40, 60].map((w, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${w}%` }} />
      ))}
    </div>
  );
}

const TABS: { id: DraftTab; label: string }[] = [
  { id: 'builder', label: 'Builder' },
  { id: 'json', label: 'JSON' },
  { id: 'pretty', label: 'Pretty' },
];

function DraftTabs() {
  const tab = useDraftPaneStore((s) => s.tab);
  const setTab = useDraftPaneStore((s) => s.setTab);
  return (
    <div className="segmented draft-tabs" role="tablist" aria-label="Draft view">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          className={`seg-button ${tab === t.id ? 'active' : ''}`}
          onClick={() => setTab(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/**
 * Monaco loads after first paint (an idle callback, or at once when the JSON tab is shown), so the
 * shell, the Builder and the lifecycle are usable before its chunk has been fetched and compiled.
 */
function useEditorWanted(tab: DraftTab): boolean {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (wanted) return;
    if (tab === 'json') {
      const frame = requestAnimationFrame(() => setWanted(true));
      return () => cancelAnimationFrame(frame);
    }
    const idle = requestIdleCallback(() => setWanted(true), { timeout: 1500 });
    return () => cancelIdleCallback(idle);
  }, [tab, wanted]);
  return wanted;
}

/** "New from template": actions, not a mode; startFromTemplate asks first when the draft is the user's own. */
function TemplateButtons({ disabled }: { disabled: boolean }) {
  return (
    <div className="template-actions" role="group" aria-labelledby="template-actions-label">
      <span className="toolbar-label" id="template-actions-label">
        New from template
      </span>
      {TEMPLATES.map((t) => (
        <button
          key={t.key}
          type="button"
          className="ghost-button template-button"
          onClick={() => startFromTemplate(t.label, () => eventTemplates[t.key]())}
          disabled={disabled}
        >
          {/* Heard as "Use the Track template"; seen as "Track" beside "New from template". */}
          <span className="visually-hidden">Use the </span>
          {t.label}
          <span className="visually-hidden"> template</span>
        </button>
      ))}
    </div>
  );
}

/** The one question before a template replaces a draft with the user's own changes, whoever asked. */
function ReplaceDraftConfirm() {
  const pending = useTemplateReplace((s) => s.pending);
  return (
    <ConfirmDialog
      open={pending !== null}
      title={`Replace your draft with the ${pending?.label ?? ''} template?`}
      cancelLabel="Keep my draft"
      confirmLabel="Replace the draft"
      onCancel={() => answerTemplateQuestion(false)}
      onConfirm={() => answerTemplateQuestion(true)}
      testId="template-confirm"
    >
      <p>
        The draft has changes of your own. Replacing it is one step in the editor&apos;s undo history:{' '}
        {modKey}+Z in the JSON editor brings your changes back.
      </p>
    </ConfirmDialog>
  );
}

/** The draft: Builder, JSON and Pretty tabs over one text; the Builder (another feature) comes in as a prop. */
export function EditorPane({ builder }: { builder: ReactNode }) {
  const status = useDraftStore((s) => s.status);
  const saveState = useDraftStore((s) => s.saveState);
  const tab = useDraftPaneStore((s) => s.tab);
  const wanted = useEditorWanted(tab);

  return (
    <section className="pane editor-pane" aria-label="Event draft">
      <div className="draft-tabs-row">
        <DraftTabs />
      </div>
      <div className="toolbar" role="toolbar" aria-label="Draft tools">
        <TemplateButtons disabled={status === 'loading'} />
        <button
          type="button"
          className="ghost-button"
          onClick={() => void formatDraft()}
          disabled={status === 'loading'}
          title="Format (Shift+Alt+F)"
          aria-label="Format the draft"
        >
          <Icon name="format" /> Format
        </button>
        {/* Not a live region: it changed on every autosave. A failed save is announced (autosave.ts). */}
        <span className={`save-state ${saveState}`} data-testid="save-state">
          {status === 'loading' ? 'Loading…' : SAVE_LABELS[saveState]}
        </span>
      </div>
      {tab === 'builder' && <div className="draft-face">{builder}</div>}
      {tab === 'pretty' && (
        <div className="draft-face">
          <DraftCode />
        </div>
      )}
      {/* Kept mounted while hidden: Monaco keeps its model and undo history across tabs. */}
      <div className="editor-frame" hidden={tab !== 'json'}>
        {status === 'loading' ? (
          <EditorSkeleton />
        ) : wanted ? (
          <Suspense fallback={<DraftPreview />}>
            <EventEditor />
          </Suspense>
        ) : (
          <DraftPreview />
        )}
      </div>
      <ProblemsList />
      <ReplaceDraftConfirm />
    </section>
  );
}
