import type { DeliveryRecord, HistoryPage, HistoryQuery } from '../../../shared/history';
import type { PushChannel, PushPayload } from '../../../shared/ipc/contract';
import type { DeliveryStatsService } from '../deliveryStats/deliveryStats';
import type { CollectorService } from '../collector/service';
import type { DraftStore } from '../draftStore';
import type { PreferenceStore } from '../preferences';
import type { ProfileService } from '../profiles/profileService';
import type { Sandbox } from '../sandbox/types';
import type { SendService } from '../send/sendService';
import type { RecentSuites } from '../suites/recentSuites';
import type { SuiteRunRecorder } from '../suites/runner';
import type { TargetRegistry } from '../targets';

export type PushEmitter = <P extends PushChannel>(channel: P, payload: PushPayload<P>) => void;

/** What the history handlers read; the store's delivery table in practice. */
export interface HistoryReader {
  list(query: HistoryQuery): HistoryPage;
  get(id: string): DeliveryRecord | null;
}

/** The services the handler modules answer from; built once per runtime (runtime.ts). */
export interface HandlerContext {
  version: string;
  platform: string;
  sandbox: Sandbox;
  targets: TargetRegistry;
  sends: SendService;
  drafts: DraftStore;
  /** The user's preferences (the dismissed Sandbox note, ...), kept in the data folder. */
  preferences: PreferenceStore;
  /** null when history is not recorded; `historyProblem` then says why (or it was switched off). */
  history: HistoryReader | null;
  historyPath: string | null;
  historyProblem: string | null;
  push: PushEmitter;
  /** Throws a typed error once the runtime is shutting down. */
  assertLive(): void;
  /** Event Delivery's queries; null when history is not recorded (as `history`). */
  deliveryStats: DeliveryStatsService | null;
  /** Marketo profiles; its `targets` is the `targets` above. */
  profiles: ProfileService;
  /** The local collector: its status, store and the Schema view's required paths. */
  collector: CollectorService;
  /** Where suite runs are recorded; null or absent when history is not recorded. */
  suiteRuns?: SuiteRunRecorder | null;
  /** The Suites view's recent files; absent: kept in memory for the session. */
  recentSuites?: RecentSuites;
}
