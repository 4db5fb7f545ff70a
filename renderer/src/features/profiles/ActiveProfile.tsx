import { Icon } from '../../ui/Icon';
import { selectActiveProfile, useProfilesStore } from './profilesStore';

/** The top bar's profile switcher: colour band, name and an unmissable PRODUCTION label. */
export function ActiveProfile() {
  const status = useProfilesStore((s) => s.status);
  const profiles = useProfilesStore((s) => s.profiles);
  const active = useProfilesStore(selectActiveProfile);
  const activate = useProfilesStore((s) => s.activate);

  if (status === 'loading') return <span className="skeleton-pill" aria-label="Loading profiles" />;
  return (
    <label
      className={`active-profile ${active?.production ? 'is-production' : ''}`}
      style={{ borderLeftColor: active?.color }}
      data-testid="active-profile"
    >
      <span className="target-label">
        <Icon name="target" /> Profile
      </span>
      <select
        value={active?.id ?? ''}
        onChange={(e) => void activate(e.target.value)}
        aria-label="Active profile"
        data-testid="profile-select"
      >
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.production ? ' — PRODUCTION' : ''}
            {!p.secretSet ? ' (no secret)' : ''}
          </option>
        ))}
      </select>
      {active?.production && (
        <span className="production-label" data-testid="production-label">
          <Icon name="warning" /> Production
        </span>
      )}
    </label>
  );
}
