import { useEffect, useRef } from 'react';
import { DebuggerToolbar } from './DebuggerToolbar';
import { EventDetail } from './EventDetail';
import { EventList } from './EventList';
import { SourcesPanel } from './SourcesPanel';
import { useDebuggerStore } from './stores';
import './debugger.css';

function EmptyState() {
  const count = useDebuggerStore((s) => s.items.length);
  const loading = useDebuggerStore((s) => s.loading);
  const url = useDebuggerStore((s) => s.status?.url);
  if (count > 0 || loading) return null;
  return (
    <div className="empty dbg-empty" data-testid="debugger-empty">
      <p className="empty-title">Waiting for events</p>
      <p className="muted">
        Point a Segment library at the collector: <code className="kbd-inline">host: &apos;{url}&apos;</code>{' '}
        for analytics-node, <code className="kbd-inline">apiHost</code> for analytics.js.
      </p>
    </div>
  );
}

/** Events arriving at the local collector, newest first, beside the selected one. */
export function DebuggerView({ active }: { active: boolean }) {
  const started = useRef(false);
  const start = useDebuggerStore((s) => s.start);
  // Live from the first time the view is shown until the app closes (the shell keeps views mounted).
  useEffect(() => {
    if (!active || started.current) return;
    started.current = true;
    return start();
  }, [active, start]);
  return (
    <div className="dbg-view stacking-view" data-testid="debugger-view">
      <DebuggerToolbar />
      <SourcesPanel />
      <div className="dbg-workspace stacking-panes">
        <section className="pane dbg-pane" aria-label="Events">
          <EventList />
          <EmptyState />
        </section>
        <EventDetail />
      </div>
    </div>
  );
}
