import { useCallback } from 'react';
import type { SchemaEventRow } from '../../../../shared/collector';
import type { CallType } from '../../../../shared/segment/schemas';
import { useOnShow } from '../../ui/useOnShow';
import { BarChart } from './BarChart';
import { bucketFor, SCHEMA_PERIODS } from './schemaStore';
import { useSchemaStore } from './stores';
import './schema.css';

const percent = (count: number, total: number) =>
  total === 0 ? '0%' : `${Math.round((count / total) * 1000) / 10}%`;

function EventTable() {
  const report = useSchemaStore((s) => s.report);
  const picked = useSchemaStore((s) => s.picked);
  const pick = useSchemaStore((s) => s.pick);
  if (!report) return null;
  if (report.events.length === 0) return <p className="muted">No events received in this period.</p>;
  const isPicked = (row: SchemaEventRow) => picked?.type === row.type && picked?.name === row.name;
  return (
    <table className="schema-table" data-testid="schema-events">
      <thead>
        <tr>
          <th>Event</th>
          <th>Type</th>
          <th className="num">Count</th>
          <th className="num">Bad</th>
        </tr>
      </thead>
      <tbody>
        {report.events.map((row) => (
          <tr
            key={`${row.type}/${row.name ?? ''}`}
            className={isPicked(row) ? 'selected' : ''}
            onClick={() => pick({ type: row.type as CallType, name: row.name })}
          >
            <td>{row.name ?? (row.type === 'identify' ? 'Identify (traits)' : `(${row.type})`)}</td>
            <td className="muted">{row.type}</td>
            <td className="num">{row.count.toLocaleString()}</td>
            <td className="num">{(row.count - row.good).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PropertyTable() {
  const picked = useSchemaStore((s) => s.picked);
  const report = useSchemaStore((s) => s.properties);
  const period = useSchemaStore((s) => s.period);
  if (!picked) return <p className="muted">Pick an event to see how often each property was present.</p>;
  if (!report) return <p className="muted">Loading…</p>;
  return (
    <div className="schema-properties" data-testid="schema-properties">
      <h2>
        {picked.name ?? picked.type}{' '}
        <span className="muted small">{report.total.toLocaleString()} events</span>
      </h2>
      <BarChart buckets={report.buckets} bucket={bucketFor(period)} />
      <table className="schema-table">
        <thead>
          <tr>
            <th>Property</th>
            <th className="num">Count</th>
            <th className="num">Present</th>
            <th>Types</th>
          </tr>
        </thead>
        <tbody>
          {report.properties.map((p) => {
            const flagged = p.required && p.count < report.total;
            return (
              <tr key={p.path} className={flagged ? 'flagged' : ''} data-testid="schema-property">
                <td className="mono">
                  {report.bag}.{p.path}
                  {flagged && (
                    <span className="schema-flag" title="The active profile's mapping needs this property">
                      required by mapping
                    </span>
                  )}
                </td>
                <td className="num">{p.count.toLocaleString()}</td>
                <td className="num">{percent(p.count, report.total)}</td>
                <td className="muted">{p.types.join(', ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Every event the collector received in a period, per day or hour, and property presence per event. */
export function SchemaView({ active }: { active: boolean }) {
  const period = useSchemaStore((s) => s.period);
  const setPeriod = useSchemaStore((s) => s.setPeriod);
  const report = useSchemaStore((s) => s.report);
  const error = useSchemaStore((s) => s.error);
  const refresh = useSchemaStore((s) => s.refresh);
  useOnShow(
    active,
    useCallback(() => refresh(), [refresh]),
  );
  return (
    <div className="schema-view" data-testid="schema-view">
      <header className="view-bar">
        <h1 className="view-title">Schema</h1>
        <div className="segmented" role="group" aria-label="Period">
          {SCHEMA_PERIODS.map((p) => (
            <button
              key={p.id}
              type="button"
              className={`seg-button ${period === p.id ? 'active' : ''}`}
              aria-pressed={period === p.id}
              onClick={() => setPeriod(p.id)}
            >
              {p.label}
            </button>
          ))}
        </div>
        <span className="view-bar-spacer" />
        {/* Local days, as `event-tester schema` counts them by default (it says so; --utc for UTC). */}
        {report && (
          <span
            className="muted small"
            title="Days and hours start at local midnight, as in event-tester schema"
          >
            {report.total.toLocaleString()} calls · local time
          </span>
        )}
      </header>
      {error && (
        <p className="banner tone-danger" role="alert">
          {error}
        </p>
      )}
      <div className="schema-workspace">
        <section className="pane schema-pane" aria-label="Events">
          {report && <BarChart buckets={report.buckets} bucket={bucketFor(period)} />}
          <EventTable />
        </section>
        <section className="pane schema-pane" aria-label="Properties">
          <PropertyTable />
        </section>
      </div>
    </div>
  );
}
