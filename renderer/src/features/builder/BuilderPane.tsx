import { useMemo } from 'react';
import { BUILDER_TEMPLATES } from '../../../../shared/segment/builderTemplates';
import { CALL_TYPES, type CallType } from '../../../../shared/segment/schemas';
import { eventNameSuggestions, keySuggestions } from '../../../../shared/segment/suggestions';
import { isRecord, valueAt } from '../../../../shared/json/value';
import { editDraft, startFromTemplate, useDraftStore } from '../editor';
import { BagTable } from './BagTable';
import { FieldFindings } from './FieldFindings';
import { IdField, Row, TextField, TimestampField } from './BuilderFields';
import { bagOf, CALL_FIELDS, CONTEXT_FIELDS, integrationToggles, viewOfJson } from './builderModel';
import './builder.css';

type Event = Record<string, unknown>;

/** The Event Builder: the draft as a form, in sync with the JSON both ways (every change is one edit). */
export function BuilderPane() {
  const json = useDraftStore((s) => s.json);
  const status = useDraftStore((s) => s.status);
  const view = useMemo(() => viewOfJson(json), [json]);
  if (status === 'loading') return <p className="muted builder-empty">Loading the draft…</p>;
  return (
    <div className="builder" data-testid="builder">
      <Templates />
      {view.kind === 'invalid' ? (
        <p className="builder-invalid" role="alert" data-testid="builder-invalid">
          {view.reason}
        </p>
      ) : (
        <BuilderForm event={view.event} type={view.type} unknownKeys={view.unknownKeys} />
      )}
    </div>
  );
}

function Templates() {
  return (
    <div className="b-templates">
      <label className="b-label" htmlFor="b-template">
        Start from
      </label>
      <select
        id="b-template"
        className="b-select"
        value=""
        aria-label="Start from a template"
        onChange={(e) => {
          const template = BUILDER_TEMPLATES.find((t) => t.id === e.target.value);
          if (template) startFromTemplate(template.label, () => template.build());
        }}
      >
        <option value="">Template…</option>
        <optgroup label="Call types">
          {BUILDER_TEMPLATES.filter((t) => t.id === t.type).map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Sent to Marketo most">
          {BUILDER_TEMPLATES.filter((t) => t.id !== t.type).map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

function BuilderForm({
  event,
  type,
  unknownKeys,
}: {
  event: Event;
  type: CallType | null;
  unknownKeys: string[];
}) {
  return (
    <>
      <fieldset className="b-section">
        <legend>Call</legend>
        <Row label="Call type" path={['type']}>
          <select
            className="b-select"
            aria-label="Call type"
            value={type ?? ''}
            onChange={(e) => editDraft(['type'], e.target.value)}
          >
            {type === null && <option value="">Pick one…</option>}
            {CALL_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Row>
        {type && <CallFields event={event} type={type} />}
        <IdField label="userId" value={event.userId} onChange={(v) => editDraft(['userId'], v)} />
        <IdField
          label="anonymousId"
          value={event.anonymousId}
          onChange={(v) => editDraft(['anonymousId'], v)}
        />
        <TimestampField value={event.timestamp} onChange={(v) => editDraft(['timestamp'], v)} />
      </fieldset>
      {type && <Bag event={event} type={type} />}
      <ContextSection event={event} />
      <IntegrationsSection event={event} />
      <UnknownKeys keys={unknownKeys} />
    </>
  );
}

function CallFields({ event, type }: { event: Event; type: CallType }) {
  const settings = useDraftStore((s) => s.destination?.settings ?? null);
  const names = useMemo(() => eventNameSuggestions(settings), [settings]);
  return (
    <>
      <datalist id="b-event-names">
        {names.map((n) => (
          <option key={n} value={n}>
            {settings && Object.hasOwn(settings.activities, n) ? 'mapped to Marketo' : 'Spec semantic event'}
          </option>
        ))}
      </datalist>
      {CALL_FIELDS[type].map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          value={event[f.key]}
          path={[f.key]}
          required={f.required}
          list={f.key === 'event' ? 'b-event-names' : undefined}
          onChange={(v) => editDraft([f.key], v)}
        />
      ))}
    </>
  );
}

function Bag({ event, type }: { event: Event; type: CallType }) {
  const destination = useDraftStore((s) => s.destination);
  const name = bagOf(type);
  const eventName = typeof event.event === 'string' ? event.event : null;
  const suggestions = useMemo(
    () => keySuggestions(type, eventName, destination?.settings ?? null, destination?.activityTypes ?? null),
    [type, eventName, destination],
  );
  if (!name) return null;
  const bag = isRecord(event[name]) ? (event[name] as Event) : {};
  return (
    <BagTable
      name={name}
      bag={bag}
      suggestions={suggestions}
      onSet={(key, value) =>
        editDraft(
          isRecord(event[name]) ? [name, key] : [name],
          isRecord(event[name]) ? value : { [key]: value },
        )
      }
      onReplace={(next) => editDraft([name], next)}
    />
  );
}

function ContextSection({ event }: { event: Event }) {
  return (
    <fieldset className="b-section" data-testid="builder-context">
      <legend>Context</legend>
      {CONTEXT_FIELDS.map((f) => (
        <TextField
          key={f.path.join('.')}
          label={f.label}
          value={valueAt(event, ['context', ...f.path])}
          path={['context', ...f.path]}
          onChange={(v) => editDraft(['context', ...f.path], v)}
        />
      ))}
    </fieldset>
  );
}

function IntegrationsSection({ event }: { event: Event }) {
  const toggles = integrationToggles(event.integrations);
  return (
    <fieldset className="b-section" data-testid="builder-integrations">
      <legend>Integrations</legend>
      <FieldFindings path={['integrations']} within />
      <div className="b-toggles">
        {toggles.map((t) => (
          <label key={t.name} className={`b-toggle ${t.explicit ? 'explicit' : ''}`}>
            <input
              type="checkbox"
              checked={t.on}
              onChange={(e) => editDraft(['integrations', t.name], e.target.checked)}
            />
            {t.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function UnknownKeys({ keys }: { keys: string[] }) {
  if (keys.length === 0) return null;
  return (
    <section className="b-section b-unknown" data-testid="builder-unknown" aria-label="Kept as they are">
      <h3>Kept as they are</h3>
      <p className="muted small">
        The form does not edit these top-level keys; they stay in the JSON unchanged:{' '}
        {keys.map((k) => (
          <code key={k}>{k}</code>
        ))}
      </p>
    </section>
  );
}
