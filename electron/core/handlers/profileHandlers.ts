import type { Result } from '../../../shared/result';
import type { HandlerContext } from './context';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

type ProfileChannels =
  | 'profile:list'
  | 'profile:save'
  | 'profile:delete'
  | 'profile:duplicate'
  | 'profile:activate'
  | 'profile:test'
  | 'profile:export'
  | 'profile:import'
  | 'settings:load-from-marketo'
  | 'settings:cached-catalog';

/** A service refusal is the user's to fix (a bad URL, a duplicate name): shown as it is. */
function value<T>(result: Result<T>): T {
  if (!result.ok) throw new IpcHandlerError('bad-request', result.error);
  return result.value;
}

// --- SECURITY: credentials enter through `profile:save` and go straight to the vault; every answer
// here is a ProfileSummary (secretSet only), a report or a catalog, all parsed by the contract.
export function profileHandlers(ctx: HandlerContext): Pick<HandlerTable, ProfileChannels> {
  const { profiles } = ctx;
  return {
    'profile:list': () => profiles.list(),
    'profile:save': async (request) => ({ profile: value(await profiles.save(request)) }),
    'profile:delete': async ({ id }) => ({ activeProfileId: value(await profiles.remove(id)) }),
    'profile:duplicate': async ({ id }) => ({ profile: value(await profiles.duplicate(id)) }),
    'profile:activate': async ({ id }) => ({ activeProfileId: value(await profiles.activate(id)) }),
    'profile:test': async ({ id }) => value(await profiles.test(id)),
    'profile:export': async ({ id }) => value(await profiles.exportFile(id)),
    'profile:import': async ({ text }) => ({ profile: value(await profiles.importFile(text)) }),
    'settings:load-from-marketo': async ({ profileId }) => value(await profiles.loadCatalog(profileId)),
    'settings:cached-catalog': async ({ profileId }) => ({
      catalog: await profiles.cachedCatalog(profileId),
    }),
  };
}
