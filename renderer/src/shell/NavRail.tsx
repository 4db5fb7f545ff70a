import { showView } from '../commands';
import { Icon } from '../ui/Icon';
import { isMac, modKey } from '../ui/platform';
import { useViewStore } from './viewStore';
import { VIEWS } from './views';

/** The views, one button each, with the shortcut in a tooltip that also shows on keyboard focus. */
export function NavRail() {
  const active = useViewStore((s) => s.active);
  return (
    <nav className="nav-rail" aria-label="Views">
      <div className="rail-brand" aria-hidden="true">
        <Icon name="send" />
      </div>
      <ul className="nav-list">
        {VIEWS.map((view, i) => (
          <li key={view.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={active === view.id ? 'page' : undefined}
              aria-keyshortcuts={`${isMac ? 'Meta' : 'Control'}+${i + 1}`}
              aria-describedby={`nav-tip-${view.id}`}
              onClick={() => showView(view.id)}
              data-testid={`nav-${view.id}`}
            >
              <Icon name={view.icon} className="nav-icon" />
              <span className="nav-label">{view.label}</span>
              <span className="nav-tip" role="tooltip" id={`nav-tip-${view.id}`}>
                {view.label} <kbd>{`${modKey}+${i + 1}`}</kbd>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
