import { type PushChannel, type PushPayload, pushContract } from '../../../shared/ipc/contract';
import type { DeliveryResult } from '../../../shared/interaction';
import { checkSingleEvent } from '../../../shared/segment/validate';
import { type DeliveryEngineOptions, createDeliveryEngine } from '../delivery/engine';
import { redactText } from '../redact';
import { startSandbox } from '../sandbox/index';
import type { Sandbox, SandboxOptions } from '../sandbox/types';
import { createDraftStore } from './draftStore';
import { IpcHandlerError } from './handlerError';
import {
  SANDBOX_TARGET_ID,
  type Target,
  sandboxTarget,
  summarizeTarget,
  targetFromEnvironment,
} from './targets';
import type { HandlerTable } from './types';

export type { DeliveryEngineOptions };
export type PushEmitter = <P extends PushChannel>(channel: P, payload: PushPayload<P>) => void;

export interface AppCoreOptions {
  /** Where the draft (and later profiles, history) live: Electron's userData, or a temp dir in tests. */
  userDataDir: string;
  version: string;
  platform: string;
  /** Push to the renderer; payloads are checked against the push contract first. */
  emit: PushEmitter;
  sandboxOptions?: SandboxOptions;
  engineOptions?: DeliveryEngineOptions;
  /** Read for the optional Marketo target; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Setup problems worth telling a developer (never contains secret values). Default: console.warn. */
  onWarning?: (message: string) => void;
}

export interface AppCore {
  handlers: HandlerTable;
  sandbox: Sandbox;
  /** Removes every credential core holds (and secret-looking parameters) from text meant for a log. */
  redact(text: string): string;
  dispose(): Promise<void>;
}

/**
 * The app behind IPC, free of `electron` so the same handler table runs in Electron main and in
 * the e2e harness: starts the embedded sandbox (the default target), the delivery engine and the
 * draft store, and answers one handler per contract channel.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const sandbox = await startSandbox(options.sandboxOptions);
  let engine: ReturnType<typeof createDeliveryEngine>;
  const targets = new Map<string, Target>();
  try {
    engine = createDeliveryEngine(options.engineOptions);
    targets.set(SANDBOX_TARGET_ID, sandboxTarget(sandbox));
    const envTarget = await targetFromEnvironment(options.env ?? process.env, warn);
    if (envTarget) targets.set(envTarget.id, envTarget);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const drafts = createDraftStore(options.userDataDir);
  const inFlight = new Set<AbortController>();
  let disposed: Promise<void> | null = null;

  const push: PushEmitter = (channel, payload) => {
    if (disposed) return;
    // Checked here so a malformed record is dropped in core rather than surprising the renderer.
    const parsed = pushContract[channel].safeParse(payload);
    if (!parsed.success) {
      warn(`Dropped a malformed ${channel} push.`);
      return;
    }
    options.emit(channel, parsed.data as PushPayload<typeof channel>);
  };

  const live = () => {
    if (disposed) throw new IpcHandlerError('internal', 'The app is shutting down.');
  };

  const handlers: HandlerTable = {
    'app:info': async () => ({
      version: options.version,
      platform: options.platform,
      sandboxUrl: sandbox.url,
    }),

    'target:list': async () => ({
      targets: [...targets.values()].map(summarizeTarget),
      defaultTargetId: SANDBOX_TARGET_ID,
    }),

    'event:send': async ({ event, targetId, dryRun, sendId }) => {
      live();
      const target = targets.get(targetId);
      if (!target)
        throw new IpcHandlerError('not-found', `There is no target "${targetId}". Pick one from the list.`);
      const checked = checkSingleEvent(event);
      if (!checked.valid) return invalidEventResult(checked.errors, dryRun);

      const controller = new AbortController();
      inFlight.add(controller);
      try {
        return await engine.deliver(
          event,
          {
            endpoint: target.endpoint,
            clientId: target.credentials.clientId,
            clientSecret: target.credentials.clientSecret,
          },
          target.settings,
          {
            dryRun,
            signal: controller.signal,
            onInteraction: (interaction) => push('event:progress', { sendId, interaction }),
          },
        );
      } finally {
        inFlight.delete(controller);
      }
    },

    'draft:load': async () => {
      const draft = await drafts.load();
      return { text: draft?.text ?? null, savedAt: draft?.savedAt ?? null };
    },

    'draft:save': async ({ text }) => {
      live();
      const draft = await drafts.save(text);
      return { savedAt: draft.savedAt };
    },
  };

  const dispose = (): Promise<void> => {
    disposed ??= (async () => {
      for (const controller of inFlight) controller.abort();
      engine.close();
      await drafts.flush().catch(() => undefined);
      await sandbox.close();
    })();
    return disposed;
  };

  const redact = (text: string): string =>
    redactText(
      text,
      [...targets.values()].flatMap((t) => [t.credentials.clientSecret, t.credentials.clientId]),
    );

  return { handlers, sandbox, redact, dispose };
}

/** The renderer blocks Send on an invalid draft; this answers a caller that sends one anyway. */
function invalidEventResult(
  errors: readonly { path: string; message: string }[],
  dryRun: boolean,
): DeliveryResult {
  const listed = errors
    .slice(0, 5)
    .map((error) => `${error.path || '(event)'}: ${error.message}`)
    .join('; ');
  return {
    outcome: 'rejected',
    reason: `The event is not a valid Segment event: ${listed || 'it does not match the spec'}.`,
    hint: 'Fix the errors marked in the editor, then send again.',
    dryRun,
    plan: [],
    interactions: [],
    warnings: [],
  };
}
