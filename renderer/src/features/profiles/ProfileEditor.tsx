import { Icon } from '../../ui/Icon';
import { ConnectionPanel } from './ConnectionPanel';
import { CredentialFields } from './CredentialFields';
import { ProfileActions } from './ProfileActions';
import { SettingsEditor } from './SettingsEditor';
import { PROFILE_COLORS } from '../../../../shared/profiles';
import { useEditorStore } from './editorStore';

/** One profile's fields; the Sandbox's address and credentials are its own and not editable. */
export function ProfileEditor() {
  const draft = useEditorStore((s) => s.draft);
  const update = useEditorStore((s) => s.update);
  const error = useEditorStore((s) => s.error);
  const notice = useEditorStore((s) => s.notice);
  const title = draft.id ? draft.name || 'Profile' : 'New profile';
  return (
    <section className="pane profile-editor" aria-label="Profile editor" data-testid="profile-editor">
      <div
        className={`profile-band ${draft.production ? 'is-production' : ''}`}
        style={{ background: draft.color }}
      />
      <div className="pane-head">
        <h2>
          {title}
          {draft.production && <span className="production-label">Production</span>}
        </h2>
        <ProfileActions />
      </div>
      <div className="profile-scroll">
        {error && (
          <p className="banner tone-danger" role="alert" data-testid="profile-error">
            <Icon name="error" /> {error}
          </p>
        )}
        {notice && (
          <p className="banner tone-success" role="status" data-testid="profile-notice">
            <Icon name="check" /> {notice}
          </p>
        )}
        <div className="form-grid">
          <label>
            Name
            <input
              value={draft.name}
              disabled={draft.builtIn}
              onChange={(e) => update({ name: e.target.value })}
              data-testid="profile-name"
            />
          </label>
          <label>
            REST base URL
            <input
              value={draft.builtIn ? '(the embedded sandbox)' : draft.endpoint}
              disabled={draft.builtIn}
              placeholder="https://123-ABC-456.mktorest.com"
              onChange={(e) => update({ endpoint: e.target.value })}
              data-testid="profile-endpoint"
            />
            <small>
              Admin › Web Services › REST API. A trailing /rest or /identity is fine; https is required.
            </small>
          </label>
          <fieldset className="color-field">
            <legend>Colour</legend>
            {PROFILE_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                className={`swatch ${draft.color === color ? 'selected' : ''}`}
                style={{ background: color }}
                aria-label={`Colour ${color}`}
                aria-pressed={draft.color === color}
                onClick={() => update({ color })}
              />
            ))}
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.production}
              disabled={draft.builtIn}
              onChange={(e) => update({ production: e.target.checked })}
              data-testid="profile-production"
            />
            Production instance: confirm before every send
          </label>
          <label>
            Daily API quota
            <input
              inputMode="numeric"
              value={draft.dailyQuota}
              onChange={(e) => update({ dailyQuota: e.target.value })}
            />
          </label>
        </div>
        {!draft.builtIn && <CredentialFields />}
        {draft.id && <ConnectionPanel profileId={draft.id} />}
        <SettingsEditor />
      </div>
    </section>
  );
}
