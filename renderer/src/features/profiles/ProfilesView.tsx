import { useCallback, useEffect } from 'react';
import { useOnShow } from '../../ui/useOnShow';
import { ProfileEditor } from './ProfileEditor';
import { ProfileList } from './ProfileList';
import { useEditorStore } from './editorStore';
import { useProfilesStore } from './profilesStore';
import './profiles.css';

/** Profiles: the list on the left, the selected profile's editor (fields, test, settings) on the right. */
export function ProfilesView({ active }: { active: boolean }) {
  const selectedId = useProfilesStore((s) => s.selectedId);
  const status = useProfilesStore((s) => s.status);
  // Opening the view re-reads profiles.json: the CLI may have added one meanwhile.
  useOnShow(
    active,
    useCallback(() => void useProfilesStore.getState().load(), []),
  );
  useEffect(() => {
    if (status !== 'ready') return;
    const profile = useProfilesStore.getState().profiles.find((p) => p.id === selectedId) ?? null;
    // A save selects what it saved: the editor already shows it (with its "Saved" notice).
    if (useEditorStore.getState().draft.id !== selectedId || selectedId === null) {
      useEditorStore.getState().begin(profile);
    }
    if (selectedId) void useProfilesStore.getState().readCachedCatalog(selectedId);
  }, [selectedId, status]);
  return (
    <div className="profiles-view">
      <ProfileList />
      <ProfileEditor />
    </div>
  );
}
