import { useRef } from 'react';
import { Icon } from '../../ui/Icon';
import { readChosenFile } from './fileTransfer';
import { useProfilesStore } from './profilesStore';
import { useEditorStore } from './editorStore';

/** Every profile with its colour, PRODUCTION label and whether it is the active one; New and Import. */
export function ProfileList() {
  const profiles = useProfilesStore((s) => s.profiles);
  const activeId = useProfilesStore((s) => s.activeId);
  const selectedId = useProfilesStore((s) => s.selectedId);
  const select = useProfilesStore((s) => s.select);
  const file = useRef<HTMLInputElement>(null);

  const importFile = async () => {
    try {
      const text = file.current && (await readChosenFile(file.current));
      if (!text) return;
      const error = await useProfilesStore.getState().importText(text);
      if (error) useEditorStore.setState({ error: `Import failed: ${error}` });
    } catch (error) {
      useEditorStore.setState({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <aside className="pane profile-list" aria-label="Profiles">
      <div className="pane-head">
        <h1>Profiles</h1>
        <div className="row-actions">
          <button type="button" className="ghost-button" onClick={() => file.current?.click()}>
            Import
          </button>
          <button
            type="button"
            className="ghost-button"
            onClick={() => select(null)}
            data-testid="new-profile"
          >
            + New
          </button>
        </div>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={() => void importFile()}
          data-testid="import-profile-input"
        />
      </div>
      <ul className="profile-items">
        {profiles.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className={`profile-item ${p.id === selectedId ? 'selected' : ''}`}
              style={{ borderLeftColor: p.color }}
              aria-current={p.id === selectedId ? 'true' : undefined}
              onClick={() => select(p.id)}
              data-testid={`profile-item-${p.name}`}
            >
              <span className="profile-item-name">{p.name}</span>
              <span className="profile-item-tags">
                {p.production && <span className="production-label small">Production</span>}
                {p.id === activeId && (
                  <span className="chip tone-success" title="Sends go to this profile">
                    <Icon name="check" /> Active
                  </span>
                )}
                {p.builtIn && <span className="chip tone-neutral">Built in</span>}
                {!p.secretSet && <span className="chip tone-warning">No secret</span>}
              </span>
              <span className="profile-item-endpoint">{p.endpoint || '—'}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
