import type { TargetSummary } from '../../../shared/ipc/contract';
import { type DestinationSettings, DestinationSettingsSchema } from '../../../shared/settings';
import { checkEndpoint } from '../marketo/endpoint';
import type { Sandbox } from '../sandbox/types';
import { readSettingsFile } from '../settingsFile';

/**
 * Where `event:send` can deliver. The credentials live only in these objects inside core; what
 * crosses IPC is `summarizeTarget`, which says whether a secret is set and nothing more.
 */
export interface Target {
  id: string;
  name: string;
  kind: 'sandbox' | 'marketo';
  endpoint: string;
  credentials: { clientId: string; clientSecret: string };
  settings: DestinationSettings;
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

export function summarizeTarget(target: Target): TargetSummary {
  return {
    id: target.id,
    name: target.name,
    kind: target.kind,
    endpoint: target.endpoint,
    secretSet: target.credentials.clientSecret.length > 0,
  };
}

/**
 * A second target from `MARKETO_ENDPOINT`, `MARKETO_CLIENT_ID`, `MARKETO_CLIENT_SECRET` and
 * optionally `MARKETO_SETTINGS` (a settings file). Returns null when the variables are absent; a
 * warning (naming variables, never values) and null when they are present but unusable.
 */
export async function targetFromEnvironment(
  env: Record<string, string | undefined>,
  warn: (message: string) => void,
): Promise<Target | null> {
  const endpointRaw = env.MARKETO_ENDPOINT?.trim();
  const clientId = env.MARKETO_CLIENT_ID?.trim();
  const clientSecret = env.MARKETO_CLIENT_SECRET?.trim();
  if (!endpointRaw && !clientId && !clientSecret) return null;
  if (!endpointRaw || !clientId || !clientSecret) {
    warn(
      'Marketo (environment) target not added: set all of MARKETO_ENDPOINT, MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET.',
    );
    return null;
  }
  const endpoint = checkEndpoint(endpointRaw);
  if (!endpoint.ok) {
    warn(
      `Marketo (environment) target not added: MARKETO_ENDPOINT must be an https URL (plain http only on loopback): ${endpoint.reason}.`,
    );
    return null;
  }
  let settings = DestinationSettingsSchema.parse({ formatVersion: 1 });
  const settingsFile = env.MARKETO_SETTINGS?.trim();
  if (settingsFile) {
    const loaded = await readSettingsFile(settingsFile);
    if (!loaded.ok) {
      warn(`Marketo (environment) target not added: MARKETO_SETTINGS is unusable (${loaded.message}).`);
      return null;
    }
    settings = loaded.settings;
  }
  return {
    id: ENV_TARGET_ID,
    name: 'Marketo (environment)',
    kind: 'marketo',
    endpoint: endpoint.endpoint,
    credentials: { clientId, clientSecret },
    settings,
  };
}
