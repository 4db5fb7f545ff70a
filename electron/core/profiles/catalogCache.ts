/**
 * What "Load from Marketo" fetched, per profile, with when: marketo-catalogs.json in the data folder.
 * Marketo recommends caching describe results for a day or more (reference §5), and the settings
 * editor's pickers and flags work offline from the cache.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type CatalogActivityType,
  type CatalogAttribute,
  type CatalogLeadField,
  type MarketoCatalog,
  MarketoCatalogSchema,
} from '../../../shared/profiles';
import { atomicWrite } from '../atomicWrite';

const CatalogFileSchema = z.object({
  formatVersion: z.literal(1),
  catalogs: z.record(z.string(), MarketoCatalogSchema),
});

export function catalogPath(dataDir: string): string {
  return join(dataDir, 'marketo-catalogs.json');
}

/** Every profile's cached catalog; an unreadable file is an empty cache. */
export async function readCatalogs(file: string): Promise<Map<string, MarketoCatalog>> {
  try {
    const parsed = CatalogFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    // An unreadable cache is only a cache: start over rather than fail the editor.
    return parsed.success ? new Map(Object.entries(parsed.data.catalogs)) : new Map();
  } catch {
    return new Map();
  }
}

export async function readCatalog(file: string, profileId: string): Promise<MarketoCatalog | null> {
  return (await readCatalogs(file)).get(profileId) ?? null;
}

/** `catalog: null` removes the profile's entry (the profile was deleted). */
export async function writeCatalog(
  file: string,
  profileId: string,
  catalog: MarketoCatalog | null,
): Promise<void> {
  const all = await readCatalogs(file);
  if (catalog) all.set(profileId, catalog);
  else if (!all.delete(profileId)) return;
  await atomicWrite(
    file,
    `${JSON.stringify({ formatVersion: 1, catalogs: Object.fromEntries(all) }, null, 2)}\n`,
  );
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

function attribute(raw: unknown): CatalogAttribute | null {
  const r = record(raw);
  const apiName = text(r.apiName, text(r.name));
  if (!apiName) return null;
  return { apiName, name: text(r.name, apiName), dataType: text(r.dataType, 'string') };
}

/**
 * Marketo's types.json items (completed by describe.json), kept to what the pickers and flags
 * need; odd items are dropped. `problems`: why a type's attributes are unknown, by type id.
 */
export function toActivityTypes(
  raw: unknown[],
  problems: ReadonlyMap<number, string> = new Map(),
): CatalogActivityType[] {
  return raw.flatMap((item) => {
    const r = record(item);
    if (typeof r.id !== 'number') return [];
    const problem = problems.get(r.id);
    return [
      {
        id: r.id,
        apiName: text(r.apiName),
        name: text(r.name, String(r.id)),
        status: text(r.status, 'approved'),
        primaryAttribute: attribute(r.primaryAttribute),
        attributes: (Array.isArray(r.attributes) ? r.attributes : []).flatMap((a) => attribute(a) ?? []),
        ...(problem !== undefined ? { attributesProblem: problem } : {}),
      },
    ];
  });
}

/** describe2's `result[0].fields`. */
export function toLeadFields(raw: unknown[]): CatalogLeadField[] {
  const fields = record(raw[0]).fields;
  return (Array.isArray(fields) ? fields : []).flatMap((item) => {
    const r = record(item);
    const name = text(r.name);
    if (!name) return [];
    return [
      {
        name,
        displayName: text(r.displayName, name),
        dataType: text(r.dataType, 'string'),
        updateable: r.updateable !== false,
      },
    ];
  });
}
