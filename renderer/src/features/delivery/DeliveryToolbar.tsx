import { useState } from 'react';
import { PERIOD_LABELS, PERIODS, type Period } from '../../../../shared/deliveryStats';
import { DeliverySourceSchema } from '../../../../shared/interaction';
import { Icon } from '../../ui/Icon';
import { useProfilesStore } from '../profiles';
import { useDeliveryStore } from './stores';

const SHORT: ReadonlyMap<Period, string> = new Map([
  ['10m', '10 min'],
  ['1h', '1 h'],
  ['6h', '6 h'],
  ['24h', '24 h'],
  ['7d', '7 d'],
  ['14d', '14 d'],
  ['custom', 'Custom'],
]);

const SOURCE_LABELS = new Map([
  ['app', 'App'],
  ['suite', 'Suite'],
  ['cli', 'CLI'],
  ['collector', 'Collector'],
]);

function PeriodPicker() {
  const period = useDeliveryStore((s) => s.filters.period);
  const setPeriod = useDeliveryStore((s) => s.setPeriod);
  return (
    <div className="segmented" role="group" aria-label="Period">
      {[...PERIODS, 'custom' as const].map((p) => (
        <button
          key={p}
          type="button"
          className={`seg-button ${period === p ? 'active' : ''}`}
          aria-pressed={period === p}
          title={PERIOD_LABELS.get(p)}
          onClick={() => setPeriod(p)}
        >
          {SHORT.get(p)}
        </button>
      ))}
    </div>
  );
}

/** `datetime-local` speaks local time without a zone; the store keeps ISO instants. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function CustomRange() {
  const filters = useDeliveryStore((s) => s.filters);
  const setCustom = useDeliveryStore((s) => s.setCustom);
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));
  if (filters.period !== 'custom') return null;
  const valid = from !== '' && to !== '' && new Date(from) < new Date(to);
  return (
    <form
      className="custom-range"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) setCustom(new Date(from).toISOString(), new Date(to).toISOString());
      }}
    >
      <label>
        From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        to <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="secondary-button" disabled={!valid}>
        Apply
      </button>
    </form>
  );
}

function ProfilePicker() {
  const profileId = useDeliveryStore((s) => s.filters.profileId);
  const recorded = useDeliveryStore((s) => s.overview?.profileIds);
  const setProfile = useDeliveryStore((s) => s.setProfile);
  const profiles = useProfilesStore((s) => s.profiles);
  const names = new Map(profiles.map((p) => [p.id, p.name]));
  const ids = [
    ...new Set([...profiles.map((p) => p.id), ...(recorded ?? []), ...(profileId ? [profileId] : [])]),
  ];
  return (
    <label className="toolbar-select">
      <span className="delivery-sr">Profile</span>
      <select
        value={profileId ?? ''}
        onChange={(e) => setProfile(e.target.value || null)}
        aria-label="Profile"
        data-testid="delivery-profile"
      >
        <option value="">All profiles</option>
        {ids.map((id) => (
          <option key={id} value={id}>
            {names.get(id) ?? id}
          </option>
        ))}
      </select>
    </label>
  );
}

function SourceFilter() {
  const sources = useDeliveryStore((s) => s.filters.sources);
  const toggle = useDeliveryStore((s) => s.toggleSource);
  return (
    <div className="source-filter" role="group" aria-label="Source">
      {DeliverySourceSchema.options.map((source) => {
        const on = sources.includes(source);
        return (
          <button
            key={source}
            type="button"
            className={`filter-chip ${on ? 'on' : ''}`}
            aria-pressed={on}
            onClick={() => toggle(source)}
          >
            {SOURCE_LABELS.get(source) ?? source}
          </button>
        );
      })}
    </div>
  );
}

function ExportMenu() {
  const exportData = useDeliveryStore((s) => s.exportData);
  const [open, setOpen] = useState(false);
  const item = (what: 'issues' | 'failures', format: 'csv' | 'ndjson', label: string) => (
    <button
      type="button"
      role="menuitem"
      className="menu-item"
      onClick={() => {
        setOpen(false);
        void exportData(what, format);
      }}
    >
      {label}
    </button>
  );
  return (
    <div className="export-menu">
      <button
        type="button"
        className="ghost-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open && (
        <div className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {item('issues', 'csv', 'Issues as CSV')}
          {item('issues', 'ndjson', 'Issues as NDJSON')}
          {item('failures', 'csv', 'Failures as CSV')}
          {item('failures', 'ndjson', 'Failures as NDJSON (with exchanges)')}
        </div>
      )}
    </div>
  );
}

export function DeliveryToolbar() {
  const refresh = useDeliveryStore((s) => s.refresh);
  const loading = useDeliveryStore((s) => s.status === 'loading');
  return (
    <header className="delivery-bar">
      <h1 className="delivery-title">Event Delivery</h1>
      <PeriodPicker />
      <CustomRange />
      <ProfilePicker />
      <SourceFilter />
      <span className="delivery-spacer" />
      <ExportMenu />
      <button type="button" className="icon-button" onClick={refresh} aria-label="Refresh" disabled={loading}>
        <Icon name="refresh" />
      </button>
    </header>
  );
}
