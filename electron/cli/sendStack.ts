/**
 * What a CLI command that delivers opens: the history store (unless `--no-record`), an engine that
 * shares the store's call ledger with every other process, and the send service over one target.
 * `send` and `run` open it the same way, so a change to how the CLI delivers happens once.
 */
import {
  createDeliveryEngine,
  createSendService,
  createTargetRegistry,
  type DeliveryEngine,
  openHistory,
  type OpenedHistory,
  type SendService,
  type Target,
} from '../core';
import type { CliIo } from './io';

export interface SendStack {
  sends: SendService;
  /** The store, for what else the command records (suite runs). */
  history: OpenedHistory;
  close(): void;
}

export function openSendStack(options: {
  command: string;
  dataDir: string;
  record: boolean;
  target: Target;
  env: NodeJS.ProcessEnv;
  io: CliIo;
}): SendStack {
  const { command, io } = options;
  const opened = openLedgerEngine(options);
  const { history, engine } = opened;
  if (history.problem && options.record)
    io.err(`event-tester ${command}: not recorded in history: ${history.problem}`);
  const sends = createSendService({
    engine,
    targets: createTargetRegistry([options.target]),
    recorder: history.store?.deliveries ?? null,
    onRecordFailed: (message) => io.err(`event-tester ${command}: ${message}`),
  });
  return { sends, history, close: opened.close };
}

export interface LedgerEngine {
  engine: DeliveryEngine;
  history: OpenedHistory;
  close(): void;
}

/**
 * The store and an engine on its call ledger, so this process shares one rate budget per instance
 * with the app and other CLIs; without the store (`--no-record`, an unreadable file) the engine's
 * limits hold for this process only.
 */
export function openLedgerEngine(options: {
  dataDir: string;
  record?: boolean;
  env: NodeJS.ProcessEnv;
}): LedgerEngine {
  const history = openHistory({ dataDir: options.dataDir, record: options.record !== false });
  const engine = createDeliveryEngine({
    ...(history.store ? { ledger: history.store.callLedger } : {}),
    ...rateWindowForTests(options.env),
  });
  return {
    engine,
    history,
    close() {
      engine.close();
      history.store?.close();
    },
  };
}

/**
 * Marketo's rate window is 20 s. Tests that run several CLI processes against a sandbox with a
 * shrunk window set EVENT_TESTER_RATE_WINDOW_MS to match it; nothing else should.
 */
export function rateWindowForTests(env: NodeJS.ProcessEnv): { windowMs?: number } {
  const raw = env.EVENT_TESTER_RATE_WINDOW_MS;
  const windowMs = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(windowMs) && windowMs >= 100 && windowMs <= 20_000 ? { windowMs } : {};
}
