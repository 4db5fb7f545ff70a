import { Icon } from '../../ui/Icon';
import { useAppStore } from './appStore';
import './app.css';

export function Banners() {
  const online = useAppStore((s) => s.online);
  const errors = useAppStore((s) => s.errors);
  const dismiss = useAppStore((s) => s.dismissError);
  if (online && errors.length === 0) return null;
  return (
    <div className="banners">
      {!online && (
        <div className="banner tone-neutral" role="status" data-testid="offline-banner">
          <Icon name="offline" />
          <span>You are offline. Sending to the Sandbox still works; a Marketo target needs a network.</span>
        </div>
      )}
      {errors.map((e) => (
        <div key={e.id} className="banner tone-danger" role="alert" data-testid="error-banner">
          <Icon name="error" />
          <span>{e.message}</span>
          <button
            type="button"
            className="icon-button small"
            onClick={() => dismiss(e.id)}
            aria-label="Dismiss"
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
