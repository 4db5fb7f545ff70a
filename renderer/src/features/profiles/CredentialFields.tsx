import { Icon } from '../../ui/Icon';
import { useEditorStore } from './editorStore';
import { useProfilesStore } from './profilesStore';

/**
 * SECURITY: write-only credential inputs. They start empty every time (main never sends a value
 * back, only `secretSet`), and say where the secret will be kept on this host.
 */
export function CredentialFields() {
  const draft = useEditorStore((s) => s.draft);
  const update = useEditorStore((s) => s.update);
  const vault = useProfilesStore((s) => s.vault);
  const stored = useProfilesStore((s) => s.profiles.find((p) => p.id === draft.id));
  const placeholder = stored?.secretSet ? '•••••••• stored; type to replace' : 'not set';
  return (
    <fieldset className="credentials">
      <legend>Credentials (Admin › LaunchPoint › View Details)</legend>
      <div className="form-grid">
        <label>
          Client id
          <input
            value={draft.clientId}
            autoComplete="off"
            spellCheck={false}
            placeholder={placeholder}
            onChange={(e) => update({ clientId: e.target.value })}
            data-testid="profile-client-id"
          />
        </label>
        <label>
          Client secret
          <input
            type="password"
            value={draft.clientSecret}
            autoComplete="new-password"
            placeholder={placeholder}
            onChange={(e) => update({ clientSecret: e.target.value })}
            data-testid="profile-client-secret"
          />
        </label>
      </div>
      <p className="secret-state" data-testid="secret-state">
        {stored?.secretSet
          ? stored.secretKept === 'session'
            ? 'A secret is set for this session only.'
            : 'A secret is stored.'
          : 'No secret stored yet.'}{' '}
        {vault?.description}
      </p>
      {vault?.warning && (
        <p className="banner tone-warning" role="note" data-testid="vault-warning">
          <Icon name="warning" /> {vault.warning}
        </p>
      )}
      {vault && (vault.offerSessionOnly || !vault.canPersist) && (
        <label className="check">
          <input
            type="checkbox"
            checked={draft.keepSecret === 'session' || !vault.canPersist}
            disabled={!vault.canPersist}
            onChange={(e) => update({ keepSecret: e.target.checked ? 'session' : 'vault' })}
            data-testid="keep-session-only"
          />
          Keep the secret for this session only (forgotten when the app quits)
        </label>
      )}
    </fieldset>
  );
}
