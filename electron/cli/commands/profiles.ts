/**
 * `event-tester profiles list|add|remove|test`: the app's Marketo profiles from the shared data
 * folder. SECURITY: the CLI stores no secret; credentials come from MARKETO_CLIENT_ID and
 * MARKETO_CLIENT_SECRET (like any CI secret), else from the user-only file `event-tester ui` keeps.
 */
import { join } from 'node:path';
import { type ProfileSummary, ProfileFieldsSchema } from '../../../shared/profiles';
import {
  createProfileService,
  type MarketoHelpers,
  type ProfileService,
  type SandboxEndpoint,
} from '../../core/profiles/profileService';
import {
  USER_ONLY_SECRETS_FILE,
  createEnvVault,
  createUserOnlyFileVault,
} from '../../core/profiles/secretVault';
import { readSettingsFile } from '../../core/settingsFile';
import { readCommandLine, resolveDataDir, usageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { openLedgerEngine } from '../sendStack';

const USAGE = `usage: event-tester profiles list [--json]
       event-tester profiles add NAME --endpoint URL [--production] [--settings FILE] [--color #rrggbb] [--daily-quota N]
       event-tester profiles remove NAME
       event-tester profiles test NAME
  Every form takes --data-dir DIR (default: EVENT_TESTER_HOME, else the desktop app's data folder).
  Credentials are never stored by the CLI: test and send --profile read MARKETO_CLIENT_ID and
  MARKETO_CLIENT_SECRET, else the secret saved in \`event-tester ui\`.`;

const COMMAND = {
  name: 'profiles',
  usage: USAGE,
  options: {
    endpoint: { type: 'string' },
    production: { type: 'boolean' },
    settings: { type: 'string' },
    color: { type: 'string' },
    'daily-quota': { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
} as const;

/**
 * The profiles the app shows, with the CLI's credential source; `sandbox` when one runs; `marketo`
 * where the command probes (Test connection).
 */
export function openCliProfiles(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  sandbox: () => SandboxEndpoint | null = () => null,
  marketo?: () => MarketoHelpers,
): ProfileService {
  const file = createUserOnlyFileVault(join(dataDir, USER_ONLY_SECRETS_FILE));
  return createProfileService({
    dataDir,
    vault: createEnvVault(env, file),
    sandbox,
    ...(marketo ? { marketo } : {}),
  });
}

type Values = Exclude<ReturnType<typeof readCommandLine<(typeof COMMAND)['options']>>, number>['values'];

export async function runProfiles(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = readCommandLine(COMMAND, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, name, ...extra] = positionals;
  if (extra.length > 0) return usageError(COMMAND, io, `unexpected argument '${extra[0]}'`);
  const dataDir = resolveDataDir(values['data-dir'], env);
  // Opened only for `test`: its calls take their slots in the budget shared with the app and other CLIs.
  const probing = action === 'test' ? openLedgerEngine({ dataDir, env }) : null;
  try {
    const profiles = openCliProfiles(dataDir, env, undefined, probing ? () => probing.engine : undefined);
    return await runAction(profiles, action, name, values, io);
  } finally {
    probing?.close();
  }
}

async function runAction(
  profiles: ProfileService,
  action: string | undefined,
  name: string | undefined,
  values: Values,
  io: CliIo,
): Promise<number> {
  const loaded = await profiles.load();
  if (!loaded.ok) {
    io.err(`event-tester profiles: ${loaded.error}`);
    return EXIT.failed;
  }
  if (action === 'list') return list(profiles, values, io);
  if (action !== 'add' && action !== 'remove' && action !== 'test') {
    return usageError(COMMAND, io, action ? `unknown action '${action}'` : 'say list, add, remove or test');
  }
  if (!name) return usageError(COMMAND, io, `${action} needs a profile NAME`);
  if (action === 'add') return add(profiles, name, values, io);
  const profile = await profiles.find(name);
  if (!profile) {
    io.err(`event-tester profiles: there is no profile '${name}' (see 'event-tester profiles list')`);
    return EXIT.usage;
  }
  return action === 'remove' ? remove(profiles, profile, io) : test(profiles, profile, io);
}

async function list(profiles: ProfileService, values: Values, io: CliIo): Promise<number> {
  const { profiles: all, activeProfileId } = await profiles.list();
  if (values.json) {
    io.out(JSON.stringify({ activeProfileId, profiles: all }, null, 2));
    return EXIT.ok;
  }
  for (const p of all) {
    const marks = [
      p.id === activeProfileId && 'active',
      p.production && 'PRODUCTION',
      p.builtIn && 'built in',
    ]
      .filter(Boolean)
      .join(', ');
    const endpoint = p.builtIn ? '(embedded sandbox)' : p.endpoint;
    io.out(`${p.name.padEnd(24)} ${endpoint.padEnd(44)} ${marks}`);
  }
  return EXIT.ok;
}

async function add(profiles: ProfileService, name: string, values: Values, io: CliIo): Promise<number> {
  if (!values.endpoint) return usageError(COMMAND, io, 'add needs --endpoint URL (the REST base URL)');
  let settings: unknown = { formatVersion: 1 };
  if (values.settings) {
    const read = await readSettingsFile(values.settings);
    if (!read.ok) {
      io.err(`event-tester profiles: ${read.error}`);
      return EXIT.usage;
    }
    settings = read.value;
  }
  const quota = values['daily-quota'];
  const fields = ProfileFieldsSchema.safeParse({
    name,
    endpoint: values.endpoint,
    production: values.production === true,
    settings,
    ...(values.color ? { color: values.color } : {}),
    ...(quota !== undefined ? { dailyQuota: Number(quota) } : {}),
  });
  if (!fields.success) {
    const issue = fields.error.issues[0];
    return usageError(COMMAND, io, `${issue?.path.join('.') || 'profile'}: ${issue?.message}`);
  }
  const saved = await profiles.save({ fields: fields.data, keepSecret: 'vault' });
  if (!saved.ok) {
    io.err(`event-tester profiles: ${saved.error}`);
    return EXIT.usage;
  }
  io.out(`Added profile '${saved.value.name}' (${saved.value.id}) for ${saved.value.endpoint}.`);
  return EXIT.ok;
}

async function remove(profiles: ProfileService, profile: ProfileSummary, io: CliIo): Promise<number> {
  const removed = await profiles.remove(profile.id);
  if (!removed.ok) {
    io.err(`event-tester profiles: ${removed.error}`);
    return EXIT.usage;
  }
  io.out(`Removed profile '${profile.name}'.`);
  return EXIT.ok;
}

async function test(profiles: ProfileService, profile: ProfileSummary, io: CliIo): Promise<number> {
  const tested = await profiles.test(profile.id);
  if (!tested.ok) {
    io.err(`event-tester profiles: ${tested.error}`);
    return EXIT.usage;
  }
  const { usage, failure, endpoint, durationMs } = tested.value;
  if (failure) {
    io.err(
      `FAILED  ${failure.title} (${failure.code}, at ${failure.step})\n  ${failure.message}\n  hint: ${failure.hint}`,
    );
    return EXIT.failed;
  }
  const used = usage
    ? `${usage.total.toLocaleString('en-US')} of ${usage.dailyQuota.toLocaleString('en-US')} API calls used on ${usage.date} (${usage.left.toLocaleString('en-US')} left)`
    : '';
  io.out(`CONNECTED  ${endpoint} in ${durationMs} ms\n  ${used}`);
  return EXIT.ok;
}
