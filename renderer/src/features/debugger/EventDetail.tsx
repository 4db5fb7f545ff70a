import { useMemo } from 'react';
import { openInTester, saveEventToSuite } from '../../commands';
import type { ReceivedEvent } from '../../../../shared/collector';
import { Icon } from '../../ui/Icon';
import { eventCode, PrettyRaw } from '../../ui/PrettyRaw';
import { useDebuggerStore } from './stores';

function Pretty({ event, host }: { event: ReceivedEvent; host: string | undefined }) {
  const tab = useDebuggerStore((s) => s.tab);
  const setTab = useDebuggerStore((s) => s.setTab);
  const pretty = useMemo(
    () =>
      eventCode(event.payload, { ...(host ? { host } : {}), writeKey: event.writeKey || 'YOUR_WRITE_KEY' }),
    [event, host],
  );
  return (
    <PrettyRaw
      raw={JSON.stringify(event.payload, null, 2)}
      pretty={pretty}
      tab={tab}
      onTab={setTab}
      testId="debugger"
    />
  );
}

function Problems({ event }: { event: ReceivedEvent }) {
  if (event.problems.length === 0)
    return <p className="dbg-ok">No problems: Segment would accept this event.</p>;
  return (
    <ul className="dbg-problems" aria-label="Problems" data-testid="debugger-problems">
      {event.problems.map((p, i) => (
        <li key={i} className={`dbg-problem ${p.level}`}>
          <Icon name={p.level === 'error' ? 'error' : 'warning'} />
          <code>{p.path}</code> {p.message}
        </li>
      ))}
    </ul>
  );
}

/** The opened event: Pretty (as code) or Raw (the JSON as stored), its problems, and Validate. */
export function EventDetail() {
  const opened = useDebuggerStore((s) => s.opened);
  const host = useDebuggerStore((s) => s.status?.url ?? undefined);
  if (!opened)
    return (
      <aside className="pane dbg-detail empty">
        <p className="muted">Select an event to see it as code, its JSON and its problems.</p>
      </aside>
    );
  if (opened.status !== 'ready' || !opened.event)
    return (
      <aside className="pane dbg-detail">
        <p className="muted">{opened.status === 'loading' ? 'Loading…' : opened.error}</p>
      </aside>
    );
  const event = opened.event;
  return (
    <aside className="pane dbg-detail" data-testid="debugger-detail" aria-label="Selected event">
      <header className="dbg-detail-head">
        <h3>{event.eventName ?? event.type ?? 'Unreadable body'}</h3>
        <span className={`dbg-verdict ${event.good ? 'good' : 'bad'}`}>{event.good ? 'Good' : 'Bad'}</span>
        <span className="view-bar-spacer" />
        <button
          type="button"
          className="primary-button"
          onClick={() => openInTester(event.payload)}
          disabled={event.type === null}
        >
          <Icon name="beaker" /> Validate
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => saveEventToSuite(event.payload)}
          disabled={event.type === null}
          title="Add this event to the open suite as a new case (a new suite if none is open)"
          data-testid="debugger-save-to-suite"
        >
          Save to suite
        </button>
      </header>
      <p className="muted small">
        {event.sourceName} · {event.library ?? 'unknown library'} · {event.endpoint} · {event.bytes} bytes ·{' '}
        {new Date(event.arrivedAt).toLocaleString()}
      </p>
      <Problems event={event} />
      <Pretty event={event} host={host} />
    </aside>
  );
}
