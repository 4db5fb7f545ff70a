import type { ReactNode } from 'react';
import type { JsonPath } from '../../../../shared/json/path';
import { fromLocalInput, generateId, toLocalInput } from './builderModel';
import { FieldFindings } from './FieldFindings';

/** A labelled row of the form; each control carries its own aria-label; `path` adds its findings. */
export function Row({
  label,
  children,
  hint,
  path,
}: {
  label: string;
  children: ReactNode;
  hint?: ReactNode;
  path?: JsonPath;
}) {
  return (
    <div className="b-row">
      <span className="b-label">{label}</span>
      <div className="b-control">
        <div className="b-inline">{children}</div>
        {hint && <span className="b-hint">{hint}</span>}
        {path && <FieldFindings path={path} />}
      </div>
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  list,
  required,
  placeholder,
  extra,
  path,
}: {
  label: string;
  value: unknown;
  path?: JsonPath;
  onChange(value: string): void;
  list?: string;
  required?: boolean;
  placeholder?: string;
  extra?: ReactNode;
}) {
  const missing = required && (value === undefined || value === '');
  return (
    <Row label={label} hint={missing ? 'required' : undefined} path={path}>
      <input
        className={`b-input ${missing ? 'missing' : ''}`}
        aria-label={label}
        value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
        list={list}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
      {extra}
    </Row>
  );
}

/** userId / anonymousId: text, plus Generate (a random UUID). */
export function IdField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: unknown;
  onChange(v: string): void;
}) {
  return (
    <TextField
      label={label}
      path={[label]}
      value={value}
      onChange={onChange}
      extra={
        <button
          type="button"
          className="ghost-button"
          onClick={() => onChange(generateId())}
          aria-label={`Generate ${label}`}
        >
          Generate
        </button>
      }
    />
  );
}

/** The timestamp as a local date and time picker; stored as ISO-8601 UTC. */
export function TimestampField({
  value,
  onChange,
}: {
  value: unknown;
  onChange(v: string | undefined): void;
}) {
  return (
    <Row
      label="Timestamp"
      path={['timestamp']}
      hint={typeof value === 'string' ? value : 'not set: Segment uses the time it arrives'}
    >
      <input
        type="datetime-local"
        step="0.001"
        className="b-input"
        aria-label="Timestamp"
        value={toLocalInput(value)}
        onChange={(e) => {
          const iso = fromLocalInput(e.target.value);
          if (iso) onChange(iso);
        }}
      />
      <button type="button" className="ghost-button" onClick={() => onChange(new Date().toISOString())}>
        Now
      </button>
      <button
        type="button"
        className="ghost-button"
        onClick={() => onChange(undefined)}
        aria-label="Clear the timestamp"
      >
        Clear
      </button>
    </Row>
  );
}
