import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { eventTemplates } from '../../../../shared/segment/templates';
import { Icon } from '../../ui/Icon';
import { useDraftStore, type SaveState } from './draftStore';
import { formatDraft, replaceDraftText } from './editorBridge';
import { useDraftPaneStore, type DraftTab } from './paneStore';
import { DraftCode } from './DraftCode';
import { ProblemsList } from './ProblemsList';
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

const TEMPLATES = [
  { key: 'track', label: 'Track' },
  { key: 'identify', label: 'Identify' },
  { key: 'page', label: 'Page' },
] as const;

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
        <span className="toolbar-label">Start from</span>
        <div className="segmented">
          {TEMPLATES.map((t) => (
            <button
              key={t.key}
              type="button"
              className="seg-button"
              onClick={() => replaceDraftText(eventTemplates[t.key]())}
              disabled={status === 'loading'}
              aria-label={`Use the ${t.label} template`}
            >
              {t.label}
            </button>
          ))}
        </div>
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
        <span className={`save-state ${saveState}`} data-testid="save-state" aria-live="polite">
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
    </section>
  );
}
