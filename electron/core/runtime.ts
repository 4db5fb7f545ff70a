import { join } from 'node:path';
import { type PushChannel, type PushPayload, pushContract } from '../../shared/ipc/contract';
import { type DeliveryEngineOptions, createDeliveryEngine } from './delivery/engine';
import { createDeliveryStats } from './deliveryStats/deliveryStats';
import { createDraftStore } from './draftStore';
import { createPreferenceStore, PREFERENCES_FILE } from './preferences';
import { type PushEmitter } from './handlers/context';
import { IpcHandlerError } from './handlers/handlerError';
import { createHandlerTable } from './handlers/table';
import type { HandlerTable } from './handlers/types';
import { openHistory } from './history';
import { redactText } from './redact';
import { startSandbox } from './sandbox/index';
import type { Sandbox, SandboxOptions } from './sandbox/types';
import { createSendService } from './send/sendService';
import { startCollectorService, type CollectorService } from './collector/service';
import { createProfileService } from './profiles/profileService';
import { createMemoryVault, type SecretVault } from './profiles/secretVault';
import { createRecentSuites, RECENT_SUITES_FILE } from './suites/recentSuites';

export type { DeliveryEngineOptions, PushEmitter };

export interface RuntimeOptions {
  /** Where the draft and the history database live: the shared data folder, or a temp dir in tests. */
  userDataDir: string;
  version: string;
  platform: string;
  /** Push to the page; payloads are checked against the push contract first. */
  emit: PushEmitter;
  /** `record: false` keeps no history; `retentionDays` defaults to 14. */
  history?: { record?: boolean; retentionDays?: number };
  sandboxOptions?: SandboxOptions;
  engineOptions?: DeliveryEngineOptions;
  /**
   * Where profile credentials are kept: safeStorage in Electron, a user-only file for
   * `event-tester ui`; default memory (this session only).
   */
  vault?: SecretVault;
  /** The collector's port: default 4317 (a free one when taken); 0 for any free port. */
  collector?: { port?: number };
  /** Setup problems worth telling a developer (never contains secret values). Default: console.warn. */
  onWarning?: (message: string) => void;
}

export interface Runtime {
  handlers: HandlerTable;
  sandbox: Sandbox;
  /** The local collector (Source Debugger, Schema view). */
  collector: CollectorService;
  /** Removes every credential core holds (and secret-looking parameters) from text meant for a log. */
  redact(text: string): string;
  dispose(): Promise<void>;
}

/**
 * What every interactive host (Electron main, `event-tester ui`, the e2e tests) runs behind its
 * door: the embedded sandbox (the default target), the send service over the delivery engine and
 * the history store, the draft store, and the handler table answering one function per channel.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const sandbox = await startSandbox(options.sandboxOptions);
  // Profiles replace the MARKETO_* environment target in the app (the CLI still reads them).
  const profiles = createProfileService({
    dataDir: options.userDataDir,
    vault: options.vault ?? createMemoryVault(),
    sandbox: () => ({ url: sandbox.url, credentials: sandbox.credentials }),
    onWarning: warn,
    // Test connection and Load from Marketo share the engine's rate budget and tokens (created below).
    marketo: () => engine,
  });
  try {
    const loaded = await profiles.load();
    if (!loaded.ok) warn(`Profiles could not be read: ${loaded.error}. Only the Sandbox is available.`);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const targets = profiles.targets;
  const history = openHistory({ dataDir: options.userDataDir, ...options.history });
  if (history.problem && options.history?.record !== false) warn(history.problem);
  // The store's call ledger: one rate budget per Marketo instance for the app, the CLI and suites.
  const engine = createDeliveryEngine({
    ...(history.store ? { ledger: history.store.callLedger } : {}),
    ...options.engineOptions,
  });
  const drafts = createDraftStore(options.userDataDir);
  const preferences = createPreferenceStore(join(options.userDataDir, PREFERENCES_FILE));
  let disposed: Promise<void> | null = null;

  const push: PushEmitter = (channel, payload) => {
    if (disposed) return;
    // Checked here so a malformed record is dropped in core rather than surprising the page.
    const parsed = pushContract[channel].safeParse(payload);
    if (!parsed.success) {
      warn(`Dropped a malformed ${channel} push.`);
      return;
    }
    options.emit(channel, parsed.data as PushPayload<PushChannel>);
  };

  const sends = createSendService({
    engine,
    targets,
    recorder: history.store?.deliveries ?? null,
    onRecorded: (summary) => push('history:recorded', summary),
    onRecordFailed: warn,
  });

  // After the send service, which forwarding goes through; each event is pushed once it is stored.
  const collector = await startCollectorService({
    store: history.store,
    storeProblem: history.problem,
    sends,
    targets,
    ...(options.collector?.port !== undefined ? { port: options.collector.port } : {}),
    onEvents: (events) => events.forEach((event) => push('collector:event', event)),
    onWarning: warn,
  });

  const handlers = createHandlerTable({
    version: options.version,
    platform: options.platform,
    sandbox,
    targets,
    sends,
    drafts,
    preferences,
    history: history.store?.deliveries ?? null,
    historyPath: history.path,
    historyProblem: history.problem,
    collector,
    deliveryStats: history.store
      ? createDeliveryStats(history.store.stats, {
          records: history.store.deliveries,
          redact: (text) => redactText(text, targets.secrets()),
        })
      : null,
    push,
    assertLive: () => {
      if (disposed) throw new IpcHandlerError('internal', 'The app is shutting down.');
    },
    profiles,
    suiteRuns: history.store?.suiteRuns ?? null,
    recentSuites: createRecentSuites(join(options.userDataDir, RECENT_SUITES_FILE)),
  });

  const dispose = (): Promise<void> => {
    disposed ??= (async () => {
      await collector.close();
      sends.abortAll();
      engine.close();
      await drafts.flush().catch(() => undefined);
      history.store?.close();
      await sandbox.close();
    })();
    return disposed;
  };

  return { handlers, sandbox, collector, redact: (text) => redactText(text, targets.secrets()), dispose };
}
