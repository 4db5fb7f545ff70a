import type { Channel, Contract, PushChannel } from './contract';

/**
 * The contract as plain data for the two bridges that build `window.tester` (the Electron preload
 * and the web host's bridge script). Typed against the contract, so a missing, extra or misnamed
 * entry fails the build; the import is type-only, because pulling the contract's zod schemas into a
 * bridge would add ~750 kB to code that validates nothing (the host parses every request).
 */
export const CHANNEL_METHODS: { readonly [C in Channel]: Contract[C]['method'] } = Object.freeze({
  'app:info': 'appInfo',
  'app:preferences': 'getPreferences',
  'app:set-preferences': 'setPreferences',
  'event:send': 'sendEvent',
  'event:cancel': 'cancelSend',
  'draft:load': 'loadDraft',
  'draft:save': 'saveDraft',
  'history:list': 'listHistory',
  'history:get': 'getDelivery',
  'profile:list': 'listProfiles',
  'profile:save': 'saveProfile',
  'profile:delete': 'deleteProfile',
  'profile:duplicate': 'duplicateProfile',
  'profile:activate': 'activateProfile',
  'profile:test': 'testProfile',
  'profile:export': 'exportProfile',
  'profile:import': 'importProfile',
  'settings:load-from-marketo': 'loadFromMarketo',
  'settings:cached-catalog': 'getCachedCatalog',
  'delivery:summary': 'deliverySummary',
  'delivery:trends': 'deliveryTrends',
  'delivery:issues': 'deliveryIssues',
  'delivery:examples': 'deliveryExamples',
  'delivery:export': 'exportDelivery',
  'collector:status': 'collectorStatus',
  'collector:list': 'listReceived',
  'collector:get': 'getReceived',
  'collector:sources': 'listSources',
  'collector:rename-source': 'renameSource',
  'collector:set-forward': 'setSourceForward',
  'collector:schema': 'schemaReport',
  'collector:properties': 'propertyReport',
  'suite:open': 'openSuite',
  'suite:save': 'saveSuite',
  'suite:recent': 'recentSuites',
  'suite:estimate': 'estimateSuite',
  'suite:run': 'runSuite',
  'suite:cancel': 'cancelSuiteRun',
  'suite:runs': 'listSuiteRuns',
  'suite:get-run': 'getSuiteRun',
});

const PUSH: { readonly [P in PushChannel]: true } = {
  'event:progress': true,
  'history:recorded': true,
  'collector:event': true,
  'run:progress': true,
};

export const PUSH_CHANNEL_NAMES = Object.freeze(Object.keys(PUSH) as PushChannel[]);

export function isPushChannel(channel: unknown): channel is PushChannel {
  return typeof channel === 'string' && Object.hasOwn(PUSH, channel);
}
