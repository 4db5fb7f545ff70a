import { lazy, Suspense, type ComponentType } from 'react';
import { eventTemplates } from '../../../../shared/segment/templates';
import { Icon } from '../../ui/Icon';
import { useDraftStore, type SaveState } from './draftStore';
import { formatDraft, replaceDraftText } from './editorBridge';
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

function EditorSkeleton() {
  return (
    <div className="editor-skeleton" aria-label="Loading the editor" role="progressbar">
      {[72, 48, 64, 56, 80, 40, 60].map((w, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${w}%` }} />
      ))}
    </div>
  );
}

export function EditorPane() {
  const status = useDraftStore((s) => s.status);
  const saveState = useDraftStore((s) => s.saveState);

  return (
    <section className="pane editor-pane" aria-label="Event draft">
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
      <div className="editor-frame">
        {status === 'loading' ? (
          <EditorSkeleton />
        ) : (
          <Suspense fallback={<EditorSkeleton />}>
            <EventEditor />
          </Suspense>
        )}
      </div>
      <ProblemsList />
    </section>
  );
}
