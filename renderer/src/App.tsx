import { useEffect } from 'react';
import { Banners } from './features/app/Banners';
import { bootstrap } from './features/app/bootstrap';
import { useAppStore } from './features/app/appStore';
import { EditorPane, preloadEditor } from './features/editor/EditorPane';
import { formatDraft } from './features/editor/editorBridge';
import { LifecyclePanel } from './features/lifecycle/LifecyclePanel';
import { sendDraft } from './features/send/sendDraft';
import { TopBar } from './features/send/TopBar';

function useGlobalShortcuts(): void {
  useEffect(() => {
    // Inside Monaco the editor's own commands handle these and stop the event.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void sendDraft(false);
      } else if (e.shiftKey && e.altKey && e.code === 'KeyF') {
        e.preventDefault();
        void formatDraft();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function App() {
  const version = useAppStore((s) => s.version);
  useEffect(() => {
    void preloadEditor();
    return bootstrap();
  }, []);
  useGlobalShortcuts();

  return (
    <div className="app" data-version={version ?? undefined}>
      <TopBar />
      <Banners />
      <main className="workspace">
        <EditorPane />
        <LifecyclePanel />
      </main>
    </div>
  );
}
