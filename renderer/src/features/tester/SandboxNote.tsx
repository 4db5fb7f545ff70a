import { useEffect } from 'react';
import { showView } from '../../commands';
import { Icon } from '../../ui/Icon';
import { usePreferencesStore } from '../app';
import { focusDraft } from '../editor';
import { selectActiveProfile, useProfilesStore } from '../profiles';

/**
 * First-run note, while the built-in Sandbox is the active profile: what the Sandbox is (a local
 * Marketo stand-in) and where to add a real instance. Dismissed once, it stays dismissed across
 * restarts (a preference kept by core).
 */
export function SandboxNote() {
  const onSandbox = useProfilesStore((s) => selectActiveProfile(s)?.builtIn === true);
  const preferences = usePreferencesStore((s) => s.preferences);
  const load = usePreferencesStore((s) => s.load);
  const setPreferences = usePreferencesStore((s) => s.set);
  useEffect(() => void load(), [load]);
  // Nothing until the preference is known, so a dismissed note never flashes at start.
  if (!onSandbox || !preferences || preferences.sandboxNoteDismissed) return null;

  const dismiss = () => {
    void setPreferences({ sandboxNoteDismissed: true });
    // The button goes away with the note: the caret goes back to the draft, not to <body>.
    focusDraft();
  };
  return (
    <div className="sandbox-note" role="note" aria-labelledby="sandbox-note-title" data-testid="sandbox-note">
      <Icon name="info" className="sandbox-note-icon" />
      <p>
        <strong id="sandbox-note-title">Sending to the Sandbox:</strong> a Marketo stand-in on this computer,
        with sample leads and activity types. Nothing sent to it reaches a real Marketo instance; add your own
        in Profiles.
      </p>
      <button type="button" className="secondary-button" onClick={() => showView('profiles')}>
        Open Profiles
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={dismiss}
        aria-label="Dismiss the note about the Sandbox"
        title="Dismiss (it stays dismissed)"
        data-testid="sandbox-note-dismiss"
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
