import { useEditorStore } from './editorStore';
import { downloadText } from './fileTransfer';
import { useProfilesStore } from './profilesStore';

/** Save, and for a saved profile: use it, duplicate, export (no secret inside), delete. */
export function ProfileActions() {
  const draft = useEditorStore((s) => s.draft);
  const saving = useEditorStore((s) => s.saving);
  const save = useEditorStore((s) => s.save);
  const activeId = useProfilesStore((s) => s.activeId);
  const store = useProfilesStore.getState;
  const report = (error: string | null) => error && useEditorStore.setState({ error });
  const id = draft.id;

  const exportProfile = async () => {
    if (!id) return;
    const file = await store().exportFile(id);
    if (typeof file === 'string') report(file);
    else downloadText(file.fileName, file.text);
  };
  const remove = async () => {
    if (!id || !window.confirm(`Delete the profile “${draft.name}” and its stored secret?`)) return;
    report(await store().remove(id));
  };

  return (
    <div className="row-actions">
      {id && id !== activeId && (
        <button
          type="button"
          className="ghost-button"
          onClick={async () => report(await store().activate(id))}
          data-testid="use-profile"
        >
          Use for sending
        </button>
      )}
      {id && !draft.builtIn && (
        <>
          <button
            type="button"
            className="ghost-button"
            onClick={async () => report(await store().duplicate(id))}
          >
            Duplicate
          </button>
          <button
            type="button"
            className="ghost-button"
            onClick={() => void exportProfile()}
            data-testid="export-profile"
          >
            Export
          </button>
          <button
            type="button"
            className="ghost-button danger"
            onClick={() => void remove()}
            data-testid="delete-profile"
          >
            Delete
          </button>
        </>
      )}
      <button
        type="button"
        className="primary-button"
        disabled={saving}
        onClick={() => void save()}
        data-testid="save-profile"
      >
        {saving ? 'Saving…' : 'Save'}
      </button>
    </div>
  );
}
