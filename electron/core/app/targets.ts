import { readFile } from 'node:fs/promises';
import type { TargetSummary } from '../../../shared/ipc/contract';
import { type DestinationSettings, DestinationSettingsSchema } from '../../../shared/settings';
import type { Sandbox } from '../sandbox/types';

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
  const endpoint = normalizeEndpoint(endpointRaw);
  if (!endpoint) {
    warn(
      'Marketo (environment) target not added: MARKETO_ENDPOINT must be an https URL (plain http only on 127.0.0.1 or localhost).',
    );
    return null;
  }
  let settings: DestinationSettings;
  try {
    settings = await loadSettings(env.MARKETO_SETTINGS?.trim());
  } catch (error) {
    warn(
      `Marketo (environment) target not added: MARKETO_SETTINGS is unusable (${(error as Error).message}).`,
    );
    return null;
  }
  return {
    id: ENV_TARGET_ID,
    name: 'Marketo (environment)',
    kind: 'marketo',
    endpoint,
    credentials: { clientId, clientSecret },
    settings,
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// --- SECURITY: credentials travel to this endpoint. Plain http would expose them on the wire, so
// it is accepted only for loopback (a local simulator); URLs with embedded credentials are refused.
export function normalizeEndpoint(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  const secure = url.protocol === 'https:';
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (!secure && !loopback) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

async function loadSettings(file: string | undefined): Promise<DestinationSettings> {
  if (!file) return DestinationSettingsSchema.parse({ formatVersion: 1 });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error('the file cannot be read');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('the file is not valid JSON');
  }
  const parsed = DestinationSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(
      `not valid destination settings at ${first?.path.join('.') || '(root)'}: ${first?.message}`,
    );
  }
  return parsed.data;
}
