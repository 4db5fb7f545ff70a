// The only module that touches `window.tester`. Every response is parsed with the contract's zod
// schema, so the rest of the renderer works with checked data and typed errors, never raw IPC.
import {
  contract,
  pushContract,
  type Channel,
  type IpcResult,
  type PushChannel,
  type PushPayload,
  type RequestOf,
  type ResponseOf,
  type TesterApi,
} from '../../../shared/ipc/contract';

declare global {
  interface Window {
    tester: TesterApi;
  }
}

type Invoker = (request: unknown) => Promise<IpcResult<unknown>>;

function bridge(): TesterApi | null {
  return typeof window !== 'undefined' && window.tester ? window.tester : null;
}

function failure<T>(message: string, code: 'internal' | 'bad-request' = 'internal'): IpcResult<T> {
  return { ok: false, error: { code, message } };
}

async function invoke<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<IpcResult<ResponseOf<C>>> {
  const api = bridge();
  if (!api)
    return failure('The app bridge (window.tester) is not available. Start the app from Event Tester.');
  const spec = contract[channel];
  const fn = (api as unknown as Record<string, Invoker>)[spec.method];
  if (typeof fn !== 'function') return failure(`The app bridge has no ${spec.method}() for ${channel}.`);
  let raw: IpcResult<unknown>;
  try {
    raw = await fn(request);
  } catch (error) {
    return failure(`${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!raw || typeof raw !== 'object' || typeof raw.ok !== 'boolean') {
    return failure(`${channel} returned something that is not a result envelope.`);
  }
  if (!raw.ok) return raw;
  const parsed = spec.response.safeParse(raw.value);
  if (!parsed.success) {
    return failure(
      `${channel} returned an unexpected response: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return { ok: true, value: parsed.data as ResponseOf<C> };
}

export const tester = {
  appInfo: () => invoke('app:info', {}),
  getPreferences: () => invoke('app:preferences', {}),
  setPreferences: (patch: RequestOf<'app:set-preferences'>) => invoke('app:set-preferences', patch),
  sendEvent: (request: RequestOf<'event:send'>) => invoke('event:send', request),
  cancelSend: (sendId: string) => invoke('event:cancel', { sendId }),
  loadDraft: () => invoke('draft:load', {}),
  saveDraft: (text: string) => invoke('draft:save', { text }),
  listHistory: (query: RequestOf<'history:list'>) => invoke('history:list', query),
  getDelivery: (id: string) => invoke('history:get', { id }),
  deliverySummary: (filter: RequestOf<'delivery:summary'>) => invoke('delivery:summary', filter),
  deliveryTrends: (filter: RequestOf<'delivery:trends'>) => invoke('delivery:trends', filter),
  deliveryIssues: (query: RequestOf<'delivery:issues'>) => invoke('delivery:issues', query),
  deliveryExamples: (query: RequestOf<'delivery:examples'>) => invoke('delivery:examples', query),
  exportDelivery: (query: RequestOf<'delivery:export'>) => invoke('delivery:export', query),
  listProfiles: () => invoke('profile:list', {}),
  saveProfile: (request: RequestOf<'profile:save'>) => invoke('profile:save', request),
  deleteProfile: (id: string) => invoke('profile:delete', { id }),
  duplicateProfile: (id: string) => invoke('profile:duplicate', { id }),
  activateProfile: (id: string) => invoke('profile:activate', { id }),
  testProfile: (id: string) => invoke('profile:test', { id }),
  exportProfile: (id: string) => invoke('profile:export', { id }),
  importProfile: (text: string) => invoke('profile:import', { text }),
  loadFromMarketo: (profileId: string) => invoke('settings:load-from-marketo', { profileId }),
  getCachedCatalog: (profileId: string) => invoke('settings:cached-catalog', { profileId }),
  collectorStatus: () => invoke('collector:status', {}),
  listReceived: (query: RequestOf<'collector:list'>) => invoke('collector:list', query),
  getReceived: (id: number) => invoke('collector:get', { id }),
  listSources: () => invoke('collector:sources', {}),
  renameSource: (request: RequestOf<'collector:rename-source'>) => invoke('collector:rename-source', request),
  setSourceForward: (request: RequestOf<'collector:set-forward'>) => invoke('collector:set-forward', request),
  schemaReport: (query: RequestOf<'collector:schema'>) => invoke('collector:schema', query),
  propertyReport: (query: RequestOf<'collector:properties'>) => invoke('collector:properties', query),
  openSuite: (request: RequestOf<'suite:open'>) => invoke('suite:open', request),
  saveSuite: (request: RequestOf<'suite:save'>) => invoke('suite:save', request),
  recentSuites: () => invoke('suite:recent', {}),
  estimateSuite: (request: RequestOf<'suite:estimate'>) => invoke('suite:estimate', request),
  runSuite: (request: RequestOf<'suite:run'>) => invoke('suite:run', request),
  cancelSuiteRun: (runId: string) => invoke('suite:cancel', { runId }),
  listSuiteRuns: () => invoke('suite:runs', {}),
  getSuiteRun: (id: string) => invoke('suite:get-run', { id }),
  /** Subscribe to a push channel; payloads that do not match the contract are dropped. */
  on<P extends PushChannel>(channel: P, listener: (payload: PushPayload<P>) => void): () => void {
    const api = bridge();
    if (!api) return () => {};
    return api.on(channel, (payload: unknown) => {
      const parsed = pushContract[channel].safeParse(payload);
      if (parsed.success) listener(parsed.data as PushPayload<P>);
    });
  },
};
