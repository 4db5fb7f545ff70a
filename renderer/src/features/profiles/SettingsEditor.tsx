import { lazy, Suspense, useMemo, useRef } from 'react';
import { lintSettings } from '../../../../shared/settingsLint';
import { Icon } from '../../ui/Icon';
import { useDraftStore } from '../editor';
import { useEditorStore } from './editorStore';
import { downloadText, readChosenFile } from './fileTransfer';
import { useProfilesStore } from './profilesStore';
import { SettingsForm } from './SettingsForm';
import { settingsFromJson, settingsToJson } from './settingsModel';

// Monaco loads only when the JSON tab is first opened.
const SettingsJsonEditor = lazy(() => import('./SettingsJsonEditor'));

/** Destination settings as a form or JSON (kept in sync), checked against what Marketo reported. */
export function SettingsEditor() {
  const draft = useEditorStore((s) => s.draft);
  const tab = useEditorStore((s) => s.tab);
  const setTab = useEditorStore((s) => s.setTab);
  const catalogState = useProfilesStore((s) => (draft.id ? s.catalogs.get(draft.id) : undefined));
  const sample = useDraftStore((s) => s.event);
  const catalog = catalogState?.catalog ?? null;
  const flags = useMemo(
    () => (catalog ? lintSettings(draft.settings, catalog, sample) : []),
    [draft.settings, catalog, sample],
  );
  const file = useRef<HTMLInputElement>(null);

  const importSettings = async () => {
    const text = file.current && (await readChosenFile(file.current).catch(() => null));
    if (!text) return;
    const parsed = settingsFromJson(text);
    if (parsed.ok) useEditorStore.getState().setSettings(parsed.value);
    else useEditorStore.setState({ error: `Not destination settings: ${parsed.error}` });
  };

  return (
    <section className="settings-editor" aria-label="Destination settings">
      <div className="settings-head">
        <h3>Destination settings</h3>
        <div className="segmented" role="tablist" aria-label="Settings view">
          {(['form', 'json'] as const).map((t) => (
            <button
              key={t}
              type="button"
              className="seg-button"
              role="tab"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
              data-testid={`settings-tab-${t}`}
            >
              {t === 'form' ? 'Form' : 'JSON'}
            </button>
          ))}
        </div>
        <div className="row-actions">
          <button type="button" className="ghost-button" onClick={() => file.current?.click()}>
            Import settings
          </button>
          <button
            type="button"
            className="ghost-button"
            onClick={() =>
              downloadText(`${draft.name || 'profile'}.settings.json`, settingsToJson(draft.settings))
            }
          >
            Export settings
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            hidden
            onChange={() => void importSettings()}
          />
        </div>
      </div>
      <CatalogBar profileId={draft.id} />
      {flags.length > 0 && (
        <ul className="settings-flags" data-testid="settings-flags">
          {flags.map((f) => (
            <li
              key={`${f.path}:${f.message}`}
              className={f.severity === 'error' ? 'tone-danger' : 'tone-warning'}
            >
              <Icon name={f.severity === 'error' ? 'error' : 'warning'} /> <code>{f.path}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
      {draft.jsonError && tab === 'json' && (
        <p className="banner tone-danger" data-testid="settings-json-error">
          <Icon name="error" /> {draft.jsonError}
        </p>
      )}
      {tab === 'form' ? (
        <SettingsForm catalog={catalog} />
      ) : (
        <Suspense fallback={<div className="skeleton-line" />}>
          <SettingsJsonEditor />
        </Suspense>
      )}
    </section>
  );
}

function CatalogBar({ profileId }: { profileId: string | null }) {
  const state = useProfilesStore((s) => (profileId ? s.catalogs.get(profileId) : undefined));
  const load = useProfilesStore((s) => s.loadCatalog);
  if (!profileId)
    return (
      <p className="muted catalog-bar">
        Save the profile to load its activity types and fields from Marketo.
      </p>
    );
  const catalog = state?.catalog;
  return (
    <div className="catalog-bar" data-testid="catalog-bar">
      <button
        type="button"
        className="secondary-button"
        disabled={state?.loading}
        onClick={() => void load(profileId)}
        data-testid="load-from-marketo"
      >
        {state?.loading ? <span className="spinner small" aria-hidden="true" /> : <Icon name="refresh" />}{' '}
        Load from Marketo
      </button>
      {catalog && (
        <span className="muted" data-testid="catalog-info">
          {catalog.activityTypes.length} activity types, {catalog.leadFields.length} lead fields, loaded{' '}
          {new Date(catalog.loadedAt).toLocaleString()}
        </span>
      )}
      {state?.error && (
        <span className="tone-danger" role="alert" data-testid="catalog-error">
          {state.error}
        </span>
      )}
    </div>
  );
}
