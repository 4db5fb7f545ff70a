/**
 * Marketo profiles for every host: the app (through profileHandlers), `event-tester ui` and the
 * CLI (`profiles`, `send --profile`). Non-secret fields live in profiles.json (profileFile.ts);
 * credentials live in the host's SecretVault, or in memory when the user keeps them for this
 * session only. SECURITY: credentials leave this module only inside a Target for the delivery
 * engine or a probe; summaries say `secretSet` and nothing more.
 */
import { randomBytes } from 'node:crypto';
import {
  type CatalogActivityType,
  type ConnectionReport,
  type MarketoCatalog,
  PROFILE_FILE_KIND,
  type ProfileCredentials,
  type ProfileFields,
  ProfileFileSchema,
  type ProfileSummary,
  SANDBOX_PROFILE_ID,
  type VaultStatus,
} from '../../../shared/profiles';
import { err, ok, type Result } from '../../../shared/result';
import type { DestinationSettings } from '../../../shared/settings';
import type { DeliveryEngine } from '../delivery/engine';
import { checkEndpoint } from '../marketo/endpoint';
import type { Target, TargetRegistry } from '../targets';
import {
  catalogPath,
  readCatalog,
  readCatalogs,
  toActivityTypes,
  toLeadFields,
  writeCatalog,
} from './catalogCache';
import { describeInstance, testConnection } from './marketoProbe';
import {
  type ProfilesDocument,
  type StoredProfile,
  profilesPath,
  readProfiles,
  writeProfiles,
} from './profileFile';
import type { SecretVault } from './secretVault';

export interface SandboxEndpoint {
  url: string;
  credentials: ProfileCredentials;
}

export interface ProfileServiceOptions {
  dataDir: string;
  vault: SecretVault;
  /** The running sandbox behind the built-in profile; null where none runs (most CLI commands). */
  sandbox: () => SandboxEndpoint | null;
  now?: () => Date;
  /** Setup problems (a secret that no longer decrypts); never contains a secret. */
  onWarning?: (message: string) => void;
  /**
   * The host's delivery engine, read when Test connection or Load from Marketo runs: their calls go
   * through its clients, so they share the instance's rate budget (call ledger) and cached token
   * with every send. Hosts that never probe (most CLI commands) leave it out.
   */
  marketo?: () => MarketoHelpers;
}

export type MarketoHelpers = Pick<DeliveryEngine, 'helperClient'>;

/** A probe answers quickly: one attempt per call (rate-limit waits aside), and at most 30 s each. */
function probeSettings(settings: DestinationSettings): DestinationSettings {
  return {
    ...settings,
    retry: { ...settings.retry, maxAttempts: 1 },
    timeoutMs: Math.min(settings.timeoutMs, 30_000),
  };
}

export interface SaveProfileInput {
  id?: string;
  fields: ProfileFields;
  credentials?: ProfileCredentials;
  keepSecret: 'vault' | 'session';
}

export interface ProfileList {
  profiles: ProfileSummary[];
  activeProfileId: string;
  vault: VaultStatus;
}

export interface ProfileService {
  /** Reads profiles.json and the vault's credentials; call once before using `targets`. */
  load(): Promise<Result<void>>;
  list(): Promise<ProfileList>;
  save(input: SaveProfileInput): Promise<Result<ProfileSummary>>;
  remove(id: string): Promise<Result<string>>;
  duplicate(id: string): Promise<Result<ProfileSummary>>;
  activate(id: string): Promise<Result<string>>;
  exportFile(id: string): Promise<Result<{ fileName: string; text: string }>>;
  importFile(text: string): Promise<Result<ProfileSummary>>;
  /** By id, else by name (case-insensitive): what `--profile NAME` accepts. */
  find(idOrName: string): Promise<ProfileSummary | null>;
  test(id: string): Promise<Result<ConnectionReport>>;
  loadCatalog(id: string): Promise<Result<MarketoCatalog>>;
  cachedCatalog(id: string): Promise<MarketoCatalog | null>;
  /** The profile with its credentials, read from the vault if need be (the CLI's path). */
  resolveTarget(id: string): Promise<Result<Target>>;
  /** The send service's view: synchronous, over what `load` and later changes put in memory. */
  readonly targets: TargetRegistry;
}

export function createProfileService(options: ProfileServiceOptions): ProfileService {
  const now = options.now ?? (() => new Date());
  const file = profilesPath(options.dataDir);
  const catalogs = catalogPath(options.dataDir);
  const { vault } = options;
  let doc: ProfilesDocument = { formatVersion: 1, activeProfileId: SANDBOX_PROFILE_ID, profiles: [] };
  /** Credentials read from (or just written to) the vault. */
  const held = new Map<string, ProfileCredentials>();
  /** Credentials the user chose to keep for this session only; never written anywhere. */
  const session = new Map<string, ProfileCredentials>();

  /** Activity types last loaded from each profile's instance: the engine checks attributes against them. */
  let activityTypes = new Map<string, readonly CatalogActivityType[]>();

  const credentialsOf = (id: string): ProfileCredentials | null => session.get(id) ?? held.get(id) ?? null;

  async function refresh(): Promise<Result<ProfilesDocument>> {
    const [read, cached] = await Promise.all([readProfiles(file, now()), readCatalogs(catalogs)]);
    if (read.ok) doc = read.value;
    activityTypes = new Map([...cached].map(([id, catalog]) => [id, catalog.activityTypes]));
    return read;
  }

  /** Re-reads the file (another process may have changed it), applies `change`, writes it back. */
  async function mutate<T>(change: (d: ProfilesDocument) => Result<T>): Promise<Result<T>> {
    const read = await refresh();
    if (!read.ok) return read;
    const result = change(read.value);
    if (!result.ok) return result;
    await writeProfiles(file, read.value);
    doc = read.value;
    return result;
  }

  function summarize(profile: StoredProfile): ProfileSummary {
    const builtIn = profile.id === SANDBOX_PROFILE_ID;
    const sandbox = builtIn ? options.sandbox() : null;
    const secretKept = builtIn
      ? 'session'
      : session.has(profile.id)
        ? 'session'
        : held.has(profile.id) || profile.secretStored
          ? 'vault'
          : 'none';
    const { secretStored: _stored, ...fields } = profile;
    return {
      ...fields,
      endpoint: sandbox?.url ?? profile.endpoint,
      builtIn,
      secretSet: builtIn ? sandbox !== null : secretKept !== 'none',
      secretKept: builtIn && !sandbox ? 'none' : secretKept,
    };
  }

  function toTarget(profile: StoredProfile): Result<Target> {
    if (profile.id === SANDBOX_PROFILE_ID) {
      const sandbox = options.sandbox();
      if (!sandbox) return err('The embedded sandbox is not running here.');
      const base = { endpoint: sandbox.url, credentials: { ...sandbox.credentials } };
      return ok({
        id: profile.id,
        name: profile.name,
        kind: 'sandbox',
        settings: profile.settings,
        ...base,
        ...typesOf(profile.id),
      });
    }
    const credentials = credentialsOf(profile.id);
    if (!credentials) {
      return err(
        `The profile "${profile.name}" has no client id and secret yet: add them in Profiles (or set MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET for the CLI).`,
      );
    }
    return ok({
      id: profile.id,
      name: profile.name,
      kind: 'marketo',
      endpoint: profile.endpoint,
      credentials: { ...credentials },
      settings: profile.settings,
      ...typesOf(profile.id),
    });
  }

  function typesOf(id: string): Pick<Target, 'activityTypes'> {
    const types = activityTypes.get(id);
    return types ? { activityTypes: types } : {};
  }

  const byId = (id: string): StoredProfile | undefined => doc.profiles.find((p) => p.id === id);
  const notFound = (id: string) => err(`There is no profile "${id}".`);

  async function keepCredentials(id: string, credentials: ProfileCredentials, keep: 'vault' | 'session') {
    if (keep === 'session' || !vault.status().canPersist) {
      session.set(id, { ...credentials });
      held.delete(id);
      await vault.delete(id).catch(() => undefined);
      return false;
    }
    await vault.set(id, credentials);
    held.set(id, { ...credentials });
    session.delete(id);
    return true;
  }

  async function forget(id: string): Promise<void> {
    session.delete(id);
    held.delete(id);
    await vault.delete(id).catch(() => undefined);
    await writeCatalog(catalogs, id, null).catch(() => undefined);
  }

  /** A client of the host's engine for the profile's instance, with the probe's settings. */
  async function probeOf(id: string) {
    const target = await service.resolveTarget(id);
    if (!target.ok) return target;
    if (!options.marketo) return err('This host does not reach Marketo from its profiles.');
    const { endpoint, credentials, settings } = target.value;
    const probe = probeSettings(settings);
    const client = options.marketo().helperClient({ endpoint, ...credentials }, probe);
    return ok({ client, endpoint, timeoutMs: probe.timeoutMs });
  }

  const service: ProfileService = {
    async load() {
      const read = await refresh();
      if (!read.ok) return read;
      for (const profile of doc.profiles) {
        if (!profile.secretStored) continue;
        try {
          const credentials = await vault.get(profile.id);
          if (credentials) held.set(profile.id, credentials);
        } catch (error) {
          options.onWarning?.(
            `The secret of profile "${profile.name}" could not be read (${error instanceof Error ? error.name : 'error'}); enter it again.`,
          );
        }
      }
      return ok(undefined);
    },

    async list() {
      await refresh();
      return {
        profiles: doc.profiles.map(summarize),
        activeProfileId: doc.activeProfileId,
        vault: vault.status(),
      };
    },

    async save(input) {
      const checked = checkFields(input.fields, input.id === SANDBOX_PROFILE_ID);
      if (!checked.ok) return checked;
      if (input.id === SANDBOX_PROFILE_ID && input.credentials) {
        return err('The Sandbox has its own credentials; they cannot be changed.');
      }
      const id = input.id ?? newProfileId(checked.value.name);
      const result = await mutate((d): Result<StoredProfile> => {
        const existing = d.profiles.find((p) => p.id === id);
        if (input.id && !existing) return notFound(input.id);
        const clash = d.profiles.find((p) => p.id !== id && sameName(p.name, checked.value.name));
        if (clash) return err(`There is already a profile named "${clash.name}".`);
        const saved = {
          ...checked.value,
          id,
          secretStored: existing?.secretStored ?? false,
          updatedAt: now().toISOString(),
        };
        if (existing) d.profiles[d.profiles.indexOf(existing)] = saved;
        else d.profiles.push(saved);
        return ok(saved);
      });
      if (!result.ok) return result;
      const saved = result.value;
      if (input.credentials) {
        const stored = await keepCredentials(id, input.credentials, input.keepSecret);
        if (stored !== saved.secretStored) {
          await mutate((d) => {
            const p = d.profiles.find((x) => x.id === id);
            if (p) p.secretStored = stored;
            return ok(undefined);
          });
        }
      }
      return ok(summarize(byId(id) ?? saved));
    },

    async remove(id) {
      if (id === SANDBOX_PROFILE_ID) return err('The Sandbox profile is built in and cannot be deleted.');
      const result = await mutate((d) => {
        const index = d.profiles.findIndex((p) => p.id === id);
        if (index < 0) return notFound(id);
        d.profiles.splice(index, 1);
        if (d.activeProfileId === id) d.activeProfileId = SANDBOX_PROFILE_ID;
        return ok(d.activeProfileId);
      });
      if (result.ok) await forget(id);
      return result;
    },

    async duplicate(id) {
      await refresh();
      const source = byId(id);
      if (!source) return notFound(id);
      if (source.id === SANDBOX_PROFILE_ID) {
        return err(
          'The Sandbox cannot be duplicated (its address changes every start); create a profile and import the settings instead.',
        );
      }
      const { id: _id, secretStored: _s, updatedAt: _u, ...fields } = source;
      const name = uniqueName(`${source.name} copy`, doc.profiles);
      const credentials = credentialsOf(id);
      return service.save({
        fields: { ...fields, name },
        ...(credentials ? { credentials } : {}),
        keepSecret: session.has(id) ? 'session' : 'vault',
      });
    },

    activate: (id) =>
      mutate((d) => {
        if (!d.profiles.some((p) => p.id === id)) return notFound(id);
        d.activeProfileId = id;
        return ok(id);
      }),

    async exportFile(id) {
      await refresh();
      const profile = byId(id);
      if (!profile) return notFound(id);
      if (profile.id === SANDBOX_PROFILE_ID)
        return err('The Sandbox is built in; export its settings from the settings editor instead.');
      // SECURITY: built field by field from the non-secret schema; credentials are not in scope here.
      const out = ProfileFileSchema.parse({
        formatVersion: 1,
        kind: PROFILE_FILE_KIND,
        name: profile.name,
        color: profile.color,
        endpoint: profile.endpoint,
        production: profile.production,
        dailyQuota: profile.dailyQuota,
        settings: profile.settings,
      });
      return ok({
        fileName: `${slug(profile.name)}.profile.json`,
        text: `${JSON.stringify(out, null, 2)}\n`,
      });
    },

    async importFile(text) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return err('The file is not JSON.');
      }
      const parsed = ProfileFileSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return err(
          `Not an Event Tester profile file (${issue?.path.join('.') || 'file'}: ${issue?.message}).`,
        );
      }
      // Unknown keys (a client secret someone added by hand) are dropped by the schema, never stored.
      const { formatVersion: _v, kind: _k, ...fields } = parsed.data;
      await refresh();
      return service.save({
        fields: { ...fields, name: uniqueName(fields.name, doc.profiles) },
        keepSecret: 'vault',
      });
    },

    async find(idOrName) {
      await refresh();
      const profile = byId(idOrName) ?? doc.profiles.find((p) => sameName(p.name, idOrName));
      return profile ? summarize(profile) : null;
    },

    async test(id) {
      const probe = await probeOf(id);
      if (!probe.ok) return probe;
      const { client, endpoint, timeoutMs } = probe.value;
      return ok(await testConnection(client, endpoint, byId(id)!.dailyQuota, timeoutMs));
    },

    async loadCatalog(id) {
      const probe = await probeOf(id);
      if (!probe.ok) return probe;
      const described = await describeInstance(probe.value.client, probe.value.timeoutMs);
      if (!described.ok) {
        const f = described.error;
        return err(`${f.title}: ${f.message}. ${f.hint}`);
      }
      const { activityTypes: types, typeProblems, leadTypes } = described.value;
      const catalog: MarketoCatalog = {
        loadedAt: now().toISOString(),
        activityTypes: toActivityTypes(types, typeProblems),
        leadFields: toLeadFields(leadTypes),
      };
      await writeCatalog(catalogs, id, catalog);
      activityTypes.set(id, catalog.activityTypes);
      return ok(catalog);
    },

    cachedCatalog: (id) => readCatalog(catalogs, id),

    async resolveTarget(id) {
      await refresh();
      const profile = byId(id);
      if (!profile) return notFound(id);
      if (profile.id !== SANDBOX_PROFILE_ID && !credentialsOf(id)) {
        const credentials = await vault.get(id).catch(() => null);
        if (credentials) held.set(id, credentials);
      }
      return toTarget(profile);
    },

    targets: {
      list: () =>
        doc.profiles.flatMap((p) => {
          const target = toTarget(p);
          if (target.ok) return [target.value];
          // Listed without credentials so pickers can show it with "no secret".
          return p.id === SANDBOX_PROFILE_ID
            ? []
            : [
                {
                  id: p.id,
                  name: p.name,
                  kind: 'marketo' as const,
                  endpoint: p.endpoint,
                  credentials: { clientId: '', clientSecret: '' },
                  settings: p.settings,
                },
              ];
        }),
      get: (id) => {
        const profile = byId(id);
        return profile ? toTarget(profile) : err(`There is no profile "${id}". Pick one from the list.`);
      },
      secrets: () => {
        const all = [...held.values(), ...session.values()];
        const sandbox = options.sandbox();
        if (sandbox) all.push(sandbox.credentials);
        return all.flatMap((c) => [c.clientSecret, c.clientId]);
      },
    },
  };
  return service;
}

/** Endpoint normalised and checked (https, or http to a literal loopback address). */
function checkFields(fields: ProfileFields, builtIn: boolean): Result<ProfileFields> {
  if (builtIn) return ok({ ...fields, name: 'Sandbox', endpoint: '', production: false });
  if (fields.endpoint.trim() === '') {
    return err(
      'The REST base URL is required (Admin > Web Services > REST API, e.g. https://123-ABC-456.mktorest.com).',
    );
  }
  const endpoint = checkEndpoint(fields.endpoint);
  if (!endpoint.ok) return err(`The REST base URL is refused: ${endpoint.error}.`);
  return ok({ ...fields, endpoint: endpoint.value });
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function uniqueName(wanted: string, profiles: readonly StoredProfile[]): string {
  let name = wanted.slice(0, 72);
  for (let n = 2; profiles.some((p) => sameName(p.name, name)); n += 1) name = `${wanted.slice(0, 72)} ${n}`;
  return name;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'profile'
  );
}

function newProfileId(name: string): string {
  return `${slug(name).slice(0, 50)}-${randomBytes(3).toString('hex')}`.replace(/^-/, 'p-');
}
