import { useRef, type DragEvent } from 'react';
import {
  createSuite,
  openSuitePath,
  openSuiteText,
  renameSuite,
  saveSuite,
  useSuitesStore,
} from './suiteStore';

async function openFiles(files: FileList | null): Promise<void> {
  const file = files?.[0];
  if (file) await openSuiteText(await file.text(), file.name);
}

/** Dropping a suite file anywhere on the view opens it (as an upload: saved with "Save as"). */
export function dropHandlers() {
  return {
    onDragOver: (e: DragEvent) => {
      if (e.dataTransfer.types.includes('Files')) e.preventDefault();
    },
    onDrop: (e: DragEvent) => {
      if (e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      void openFiles(e.dataTransfer.files);
    },
  };
}

function RecentFiles() {
  const recent = useSuitesStore((s) => s.recent);
  if (recent.length === 0) return null;
  return (
    <select
      className="suite-recent"
      aria-label="Recent suites"
      value=""
      onChange={(e) => e.target.value && void openSuitePath(e.target.value)}
      data-testid="suite-recent"
    >
      <option value="">Recent…</option>
      {recent.map((path) => (
        <option key={path} value={path}>
          {path}
        </option>
      ))}
    </select>
  );
}

/** Open (path, upload, recent), new, save and save as; the suite's name. */
export function SuiteToolbar() {
  const pathField = useSuitesStore((s) => s.pathField);
  const suite = useSuitesStore((s) => s.suite);
  const path = useSuitesStore((s) => s.path);
  const dirty = useSuitesStore((s) => s.dirty);
  const upload = useRef<HTMLInputElement>(null);
  const setPath = (value: string) => useSuitesStore.setState({ pathField: value });
  return (
    <header className="suite-toolbar">
      <h1 className="suite-title">Suites</h1>
      <form
        className="suite-open"
        onSubmit={(e) => {
          e.preventDefault();
          if (pathField.trim()) void openSuitePath(pathField.trim());
        }}
      >
        <input
          type="text"
          className="suite-path"
          aria-label="Suite file path"
          placeholder="path/to/name.suite.json"
          value={pathField}
          onChange={(e) => setPath(e.target.value)}
          data-testid="suite-path"
        />
        <button type="submit" className="secondary-button" data-testid="suite-open">
          Open
        </button>
      </form>
      <button type="button" className="secondary-button" onClick={() => upload.current?.click()}>
        Upload…
      </button>
      <input
        ref={upload}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => void openFiles(e.target.files).then(() => (e.target.value = ''))}
        data-testid="suite-upload"
      />
      <RecentFiles />
      <button type="button" className="secondary-button" onClick={createSuite} data-testid="suite-new">
        New
      </button>
      <button
        type="button"
        className="secondary-button"
        disabled={!suite || !path}
        onClick={() => void saveSuite()}
        title={path ? `Save to ${path}` : 'Not saved yet: type a path, then Save as'}
        data-testid="suite-save"
      >
        Save{dirty ? ' •' : ''}
      </button>
      <button
        type="button"
        className="secondary-button"
        disabled={!suite || !pathField.trim()}
        onClick={() => void saveSuite(pathField.trim())}
        title="Save to the path in the field"
        data-testid="suite-save-as"
      >
        Save as
      </button>
      {suite && (
        <label className="suite-name">
          <span className="muted">Name</span>
          <input
            type="text"
            value={suite.name}
            onChange={(e) => renameSuite(e.target.value)}
            data-testid="suite-name"
          />
        </label>
      )}
    </header>
  );
}
