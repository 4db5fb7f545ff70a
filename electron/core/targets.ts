import type { CatalogActivityType } from '../../shared/profiles';
import { err, ok, type Result } from '../../shared/result';
import { type DestinationSettings, DestinationSettingsSchema } from '../../shared/settings';
import { checkEndpoint } from './marketo/endpoint';
import type { Sandbox } from './sandbox/types';
import { readSettingsFile } from './settingsFile';

/**
 * Where the send service can deliver. The credentials live only in these objects inside core; what
 * crosses IPC is a profile's summary (profiles/profileService.ts), which says whether a secret is
 * set and nothing more. Targets are built here and from profiles, nowhere else.
 */
export interface Target {
  id: string;
  name: string;
  kind: 'sandbox' | 'marketo';
  endpoint: string;
  credentials: { clientId: string; clientSecret: string };
  settings: DestinationSettings;
  /** The instance's custom activity types as last loaded ("Load from Marketo"), for checks before sending. */
  activityTypes?: readonly CatalogActivityType[];
}

export const SANDBOX_TARGET_ID = 'sandbox';
export const ENV_TARGET_ID = 'marketo-env';

export function sandboxTarget(sandbox: Sandbox): Target {
  return {
    id: SANDBOX_TARGET_ID,
    name: 'Sandbox',
    kind: 'sandbox',
    endpoint: sandbox.url,
    credentials: { ...sandbox.credentials },
    settings: sandbox.settings,
  };
}

export interface EnvironmentTargetOptions {
  /** The CLI's `--endpoint`, which takes the place of MARKETO_ENDPOINT. */
  endpoint?: string;
  /** The CLI's `--settings`, which takes the place of MARKETO_SETTINGS. */
  settings?: DestinationSettings;
}

/**
 * A Marketo target from `MARKETO_ENDPOINT` (or `--endpoint`), `MARKETO_CLIENT_ID`,
 * `MARKETO_CLIENT_SECRET` and optionally `MARKETO_SETTINGS` (a settings file). `ok(null)` when
 * none is set; an error (naming variables, never values) when they are present but unusable.
 */
export async function targetFromEnvironment(
  env: Record<string, string | undefined>,
  options: EnvironmentTargetOptions = {},
): Promise<Result<Target | null>> {
  const endpointRaw = (options.endpoint ?? env.MARKETO_ENDPOINT)?.trim();
  const clientId = env.MARKETO_CLIENT_ID?.trim();
  const clientSecret = env.MARKETO_CLIENT_SECRET?.trim();
  if (!endpointRaw && !clientId && !clientSecret) return ok(null);
  const endpointName = options.endpoint !== undefined ? '--endpoint' : 'MARKETO_ENDPOINT';
  if (!endpointRaw) return err(`set ${endpointName} too (the REST base URL from Admin > Web Services)`);
  if (!clientId || !clientSecret) {
    const missing = [!clientId && 'MARKETO_CLIENT_ID', !clientSecret && 'MARKETO_CLIENT_SECRET'].filter(
      Boolean,
    );
    return err(
      `${endpointName} needs credentials in the environment: set ${missing.join(' and ')} (the API user's client id and secret from Admin > LaunchPoint)`,
    );
  }
  const endpoint = checkEndpoint(endpointRaw);
  if (!endpoint.ok) return err(`${endpointName} refused: ${endpoint.error}`);
  let settings = options.settings;
  const settingsFile = env.MARKETO_SETTINGS?.trim();
  if (!settings && settingsFile) {
    const loaded = await readSettingsFile(settingsFile);
    if (!loaded.ok) return err(`MARKETO_SETTINGS is unusable (${loaded.error})`);
    settings = loaded.value;
  }
  return ok({
    id: ENV_TARGET_ID,
    name: 'Marketo (environment)',
    kind: 'marketo',
    endpoint: endpoint.value,
    credentials: { clientId, clientSecret },
    settings: settings ?? DestinationSettingsSchema.parse({ formatVersion: 1 }),
  });
}

export interface TargetRegistry {
  list(): Target[];
  get(id: string): Result<Target>;
  /** Every credential held, for scrubbing text meant for a log. */
  secrets(): string[];
}

export function createTargetRegistry(targets: readonly Target[]): TargetRegistry {
  const byId = new Map(targets.map((target) => [target.id, target]));
  return {
    list: () => [...byId.values()],
    get: (id) => {
      const target = byId.get(id);
      return target ? ok(target) : err(`There is no target "${id}". Pick one from the list.`);
    },
    secrets: () => [...byId.values()].flatMap((t) => [t.credentials.clientSecret, t.credentials.clientId]),
  };
}
