import { Banners } from '../features/app';
import { LiveRegion } from '../ui/LiveRegion';
import { NavRail } from './NavRail';
import { ShortcutsSheet } from './ShortcutsSheet';
import { StatusBar } from './StatusBar';
import { useShortcuts } from './useShortcuts';
import { useViewStore } from './viewStore';
import { VIEWS } from './views';
import './shell.css';

/**
 * The rail and the views. A view mounts when first shown and then stays mounted, hidden while
 * another is shown: Monaco keeps its model and undo stack, History its scroll and selection.
 */
export function Shell({ version }: { version: string | null }) {
  const active = useViewStore((s) => s.active);
  const visited = useViewStore((s) => s.visited);
  useShortcuts();
  return (
    <div className="app" data-version={version ?? undefined}>
      <NavRail />
      <div className="app-main">
        <Banners />
        <main className="view-host">
          {VIEWS.filter((v) => visited.includes(v.id)).map(({ id, label, component: View }) => (
            <section
              key={id}
              className="view"
              hidden={active !== id}
              aria-label={label}
              data-view={id}
              data-testid={`view-${id}`}
            >
              <View active={active === id} />
            </section>
          ))}
        </main>
        <StatusBar />
      </div>
      <LiveRegion />
      <ShortcutsSheet />
    </div>
  );
}
