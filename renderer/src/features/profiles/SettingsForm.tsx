import type { MarketoCatalog } from '../../../../shared/profiles';
import type { DestinationSettings } from '../../../../shared/settings';
import { useEditorStore } from './editorStore';
import { LeadLookupRules } from './LeadLookupRules';
import { MappingEditor } from './MappingEditor';
import { Picker } from './Picker';
import { emptyMapping, freshKey, removeEntry, setActivity, setLeadField } from './settingsModel';

/** The settings as a form; every edit goes through settingsModel and regenerates the JSON tab. */
export function SettingsForm({ catalog }: { catalog: MarketoCatalog | null }) {
  const settings = useEditorStore((s) => s.draft.settings);
  const set = useEditorStore((s) => s.setSettings);
  const fieldOptions =
    catalog?.leadFields.map((f) => ({
      value: f.name,
      label: `${f.displayName} (${f.name}) · ${f.dataType}`,
    })) ?? null;
  return (
    <div className="settings-form">
      <LeadLookupRules settings={settings} set={set} fieldOptions={fieldOptions} />
      <fieldset>
        <legend>Traits → lead fields (identify)</legend>
        {Object.entries(settings.leadFields).map(([trait, field], i) => (
          <div className="pair-row" key={i}>
            <input
              value={trait}
              aria-label="Trait"
              onChange={(e) => set(setLeadField(settings, trait, e.target.value, field))}
            />
            <span aria-hidden="true">→</span>
            <Picker
              value={field}
              options={fieldOptions}
              label="Lead field"
              onChange={(v) => set(setLeadField(settings, trait, trait, v))}
            />
            <button
              type="button"
              className="ghost-button"
              aria-label={`Remove ${trait}`}
              onClick={() => set({ ...settings, leadFields: removeEntry(settings.leadFields, trait) })}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="ghost-button"
          onClick={() => set(setLeadField(settings, null, freshKey(settings.leadFields, 'trait'), ''))}
        >
          + Trait
        </button>
      </fieldset>
      <fieldset>
        <legend>Track events → custom activities</legend>
        {Object.entries(settings.activities).map(([event, mapping], i) => (
          <div className="activity-row" key={i} data-testid={`activity-${i}`}>
            <div className="activity-row-head">
              <input
                value={event}
                aria-label="Event name"
                onChange={(e) => set(setActivity(settings, event, e.target.value, mapping))}
                data-testid={`activity-${i}-event`}
              />
              <button
                type="button"
                className="ghost-button"
                onClick={() => set({ ...settings, activities: removeEntry(settings.activities, event) })}
              >
                Remove
              </button>
            </div>
            <MappingEditor
              mapping={mapping}
              catalog={catalog}
              onChange={(m) => set(setActivity(settings, event, event, m))}
              testId={`activity-${i}`}
            />
          </div>
        ))}
        <button
          type="button"
          className="ghost-button"
          onClick={() =>
            set(
              setActivity(
                settings,
                null,
                freshKey(settings.activities, 'New event'),
                emptyMapping(catalog?.activityTypes[0]?.id),
              ),
            )
          }
          data-testid="add-activity"
        >
          + Event mapping
        </button>
      </fieldset>
      <fieldset>
        <legend>Pages</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.page !== null}
            onChange={(e) =>
              set({
                ...settings,
                page: e.target.checked ? emptyMapping(catalog?.activityTypes[0]?.id) : null,
              })
            }
          />
          Send page calls as a custom activity (otherwise they are rejected: Marketo takes pages through
          Munchkin)
        </label>
        {settings.page && (
          <MappingEditor
            mapping={settings.page}
            catalog={catalog}
            onChange={(page) => set({ ...settings, page })}
            testId="page"
          />
        )}
      </fieldset>
      <Options settings={settings} set={set} />
    </div>
  );
}

type Setter = (settings: DestinationSettings) => void;

function Options({ settings, set }: { settings: DestinationSettings; set: Setter }) {
  const num = (value: string, fallback: number) =>
    Number.isFinite(Number(value)) && value !== '' ? Number(value) : fallback;
  return (
    <fieldset>
      <legend>Anonymous tracking and limits</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.trackAnonymous}
          onChange={(e) => set({ ...settings, trackAnonymous: e.target.checked })}
        />
        Allow events without a userId (looked up by anonymousId)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.createLeadIfMissing}
          onChange={(e) => set({ ...settings, createLeadIfMissing: e.target.checked })}
        />
        Create the lead when a track finds none
      </label>
      <div className="form-grid">
        <label>
          Calls per 20 s (Marketo allows 100)
          <input
            inputMode="numeric"
            value={settings.limits.callsPer20s}
            onChange={(e) =>
              set({ ...settings, limits: { ...settings.limits, callsPer20s: num(e.target.value, 50) } })
            }
          />
        </label>
        <label>
          Calls in flight (Marketo allows 10)
          <input
            inputMode="numeric"
            value={settings.limits.maxInFlight}
            onChange={(e) =>
              set({ ...settings, limits: { ...settings.limits, maxInFlight: num(e.target.value, 5) } })
            }
          />
        </label>
        <label>
          Timeout per request (ms)
          <input
            inputMode="numeric"
            value={settings.timeoutMs}
            onChange={(e) => set({ ...settings, timeoutMs: num(e.target.value, 30_000) })}
          />
        </label>
      </div>
    </fieldset>
  );
}
