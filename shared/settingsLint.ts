import type { CatalogActivityType, CatalogAttribute, MarketoCatalog } from './profiles';
import { appendPath } from './json/path';
import { isRecord } from './json/value';
import type { ActivityMapping, DestinationSettings } from './settings';

/**
 * Checks destination settings against what "Load from Marketo" fetched: mappings that point at
 * activity types Marketo does not have (or has not approved), attributes or lead fields it does not
 * know, and, given a sample event (the Tester's draft), property values whose type cannot fit the
 * attribute's data type. Pure, so the editor re-runs it on every keystroke.
 */
export interface SettingsFlag {
  /** JSON path inside the settings, e.g. `$.activities["Webinar Registered"].attributes.seats`. */
  path: string;
  severity: 'error' | 'warning';
  message: string;
}

/** Marketo data types and the JS values that can be sent as them. */
const NUMERIC = new Set(['integer', 'float', 'currency', 'score']);
const DATES = new Set(['date', 'datetime']);

export function lintSettings(
  settings: DestinationSettings,
  catalog: MarketoCatalog,
  sample?: unknown,
): SettingsFlag[] {
  const flags: SettingsFlag[] = [];
  const types = new Map(catalog.activityTypes.map((t) => [t.id, t]));
  const fields = new Map(catalog.leadFields.map((f) => [f.name, f]));
  const sampleEvent = asRecord(sample);
  for (const [event, mapping] of Object.entries(settings.activities)) {
    const path = appendPath('$', 'activities', event);
    const properties = sampleEvent?.type === 'track' && sampleEvent.event === event ? sampleEvent : null;
    flags.push(...lintMapping(path, mapping, types, asRecord(properties?.properties)));
  }
  if (settings.page) {
    const properties = sampleEvent?.type === 'page' ? asRecord(sampleEvent.properties) : null;
    flags.push(...lintMapping(appendPath('$', 'page'), settings.page, types, properties));
  }
  for (const [trait, field] of Object.entries(settings.leadFields)) {
    const path = appendPath('$', 'leadFields', trait);
    const known = fields.get(field);
    if (!known) flags.push(error(path, `Marketo has no lead field "${field}"`));
    else if (!known.updateable)
      flags.push(warning(path, `The lead field "${field}" is read-only in Marketo`));
  }
  settings.leadLookup.forEach((rule, index) => {
    if (!fields.has(rule.field)) {
      flags.push(
        error(appendPath('$', 'leadLookup', index, 'field'), `Marketo has no lead field "${rule.field}"`),
      );
    }
  });
  return flags;
}

function lintMapping(
  path: string,
  mapping: ActivityMapping,
  types: Map<number, CatalogActivityType>,
  properties: Record<string, unknown> | null,
): SettingsFlag[] {
  const type = types.get(mapping.activityTypeId);
  const typePath = appendPath(path, 'activityTypeId');
  if (!type) return [error(typePath, `Marketo has no custom activity type ${mapping.activityTypeId}`)];
  const flags: SettingsFlag[] = [];
  if (type.status !== 'approved') {
    flags.push(
      error(typePath, `"${type.name}" is ${type.status}, not approved: Marketo refuses activities for it`),
    );
  }
  const attributes = new Map(type.attributes.map((a) => [a.apiName, a]));
  for (const [property, apiName] of Object.entries(mapping.attributes)) {
    const attrPath = appendPath(path, 'attributes', property);
    const attribute = attributes.get(apiName);
    if (!attribute) {
      // Attributes Marketo did not say (attributesProblem) are not known to be absent.
      if (type.attributesProblem === undefined)
        flags.push(error(attrPath, `"${type.name}" has no attribute "${apiName}"`));
      continue;
    }
    if (properties && Object.hasOwn(properties, property)) {
      const mismatch = typeMismatch(properties[property], attribute);
      if (mismatch) flags.push(warning(attrPath, mismatch));
    }
  }
  if (type.primaryAttribute && properties && Object.hasOwn(properties, mapping.primaryProperty)) {
    const mismatch = typeMismatch(properties[mapping.primaryProperty], type.primaryAttribute);
    if (mismatch) flags.push(warning(appendPath(path, 'primaryProperty'), mismatch));
  }
  return flags;
}

/** Why `value` cannot be sent as the attribute's data type, or null when it fits. */
export function typeMismatch(value: unknown, attribute: CatalogAttribute): string | null {
  if (value === null || value === undefined) return null;
  const { dataType, apiName } = attribute;
  const shown = JSON.stringify(value)?.slice(0, 40) ?? String(value);
  const fits = (): boolean => {
    if (dataType === 'integer') return Number.isInteger(typeof value === 'string' ? Number(value) : value);
    if (NUMERIC.has(dataType)) return Number.isFinite(typeof value === 'string' ? Number(value) : value);
    if (dataType === 'boolean') return typeof value === 'boolean' || value === 'true' || value === 'false';
    if (DATES.has(dataType)) return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    return typeof value !== 'object';
  };
  return fits() ? null : `The sample's ${shown} cannot be sent as ${dataType} (attribute "${apiName}")`;
}

const asRecord = (value: unknown): Record<string, unknown> | null => (isRecord(value) ? value : null);

const error = (path: string, message: string): SettingsFlag => ({ path, severity: 'error', message });
const warning = (path: string, message: string): SettingsFlag => ({ path, severity: 'warning', message });
