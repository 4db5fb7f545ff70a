import { z } from 'zod';
import type { Result } from '../result';
import {
  DeliveryRecordSchema,
  DeliverySummarySchema,
  HistoryPageSchema,
  HistoryQuerySchema,
} from '../history';
import { DeliveryResultSchema, InteractionSchema } from '../interaction';
import {
  CollectorSourceSchema,
  CollectorStatusSchema,
  PropertyQuerySchema,
  PropertyReportSchema,
  ReceivedEventPageSchema,
  ReceivedEventQuerySchema,
  ReceivedEventSchema,
  ReceivedEventSummarySchema,
  SchemaQuerySchema,
  SchemaReportSchema,
} from '../collector';
import {
  DeliveryExportSchema,
  DeliveryFilterSchema,
  DeliveryIssuesSchema,
  DeliveryOverviewSchema,
  DeliveryTrendsSchema,
  ExamplesQuerySchema,
  ExportQuerySchema,
  IssueExamplesSchema,
  IssueQuerySchema,
} from '../deliveryStats';
import {
  ConnectionReportSchema,
  MarketoCatalogSchema,
  ProfileIdSchema,
  ProfileSaveRequestSchema,
  ProfileSummarySchema,
  VaultStatusSchema,
} from '../profiles';
import {
  SuiteEstimateRequestSchema,
  SuiteEstimateSchema,
  SuiteOpenRequestSchema,
  SuiteOpenResponseSchema,
  SuiteRunRequestSchema,
  SuiteRunSchema,
  SuiteRunsResponseSchema,
  SuiteSaveRequestSchema,
} from '../suiteIpc';
import { RunProgressSchema } from '../suiteRun';
import { PreferencesPatchSchema, PreferencesSchema } from '../preferences';

/**
 * The one IPC contract between the renderer and main. Each channel has a request and a response
 * schema; main parses every request, the renderer parses every response. `method` is the name of
 * the function `window.tester` exposes for the channel (one function per channel, nothing else).
 */

/** Drafts larger than this are refused: Marketo takes at most 1 MB per request body anyway. */
export const MAX_DRAFT_CHARS = 1_000_000;

const Empty = z.object({}).strict();

export const contract = {
  'app:info': {
    method: 'appInfo',
    request: Empty,
    response: z.object({
      version: z.string(),
      platform: z.string(),
      sandboxUrl: z.string().nullable(),
      /** Where history is recorded, or null when recording is off or the store could not open. */
      historyPath: z.string().nullable(),
      /** Why history is not being recorded (a corrupt or newer database, ...), shown as a banner. */
      historyProblem: z.string().nullable(),
    }),
  },
  'app:preferences': {
    method: 'getPreferences',
    request: Empty,
    response: PreferencesSchema,
  },
  'app:set-preferences': {
    method: 'setPreferences',
    request: PreferencesPatchSchema,
    response: PreferencesSchema,
  },
  'event:send': {
    method: 'sendEvent',
    request: z
      .object({
        /** The parsed draft; main validates it again against the Segment schema. */
        event: z.unknown(),
        targetId: z.string().min(1).max(200),
        dryRun: z.boolean(),
        /** Read the activity back after delivering and report stored vs sent (DeliveryResult.readBack); absent: false. */
        verify: z.boolean().optional(),
        /** Chosen by the renderer so `event:progress` pushes can be matched to this send. */
        sendId: z.string().min(1).max(100),
      })
      .strict(),
    response: DeliveryResultSchema,
  },
  /**
   * Stops the send in flight with this `sendId`; its `event:send` still answers, with the result.
   * An unknown or finished id is not an error: `cancelled` is false and `message` says why.
   */
  'event:cancel': {
    method: 'cancelSend',
    request: z.object({ sendId: z.string().min(1).max(100) }).strict(),
    response: z.object({ cancelled: z.boolean(), message: z.string() }),
  },
  'draft:load': {
    method: 'loadDraft',
    request: Empty,
    response: z.object({ text: z.string().nullable(), savedAt: z.string().nullable() }),
  },
  'draft:save': {
    method: 'saveDraft',
    request: z.object({ text: z.string().max(MAX_DRAFT_CHARS) }).strict(),
    response: z.object({ savedAt: z.string() }),
  },
  'history:list': {
    method: 'listHistory',
    request: HistoryQuerySchema,
    response: HistoryPageSchema,
  },
  'history:get': {
    method: 'getDelivery',
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: DeliveryRecordSchema,
  },
  // Marketo profiles (issue 8). SECURITY: credentials travel only inside `profile:save` requests;
  // every response carries `secretSet`, never a client id or secret.
  'profile:list': {
    method: 'listProfiles',
    request: Empty,
    response: z.object({
      profiles: z.array(ProfileSummarySchema),
      activeProfileId: z.string(),
      vault: VaultStatusSchema,
    }),
  },
  'profile:save': {
    method: 'saveProfile',
    request: ProfileSaveRequestSchema,
    response: z.object({ profile: ProfileSummarySchema }),
  },
  'profile:delete': {
    method: 'deleteProfile',
    request: z.object({ id: ProfileIdSchema }).strict(),
    response: z.object({ activeProfileId: z.string() }),
  },
  'profile:duplicate': {
    method: 'duplicateProfile',
    request: z.object({ id: ProfileIdSchema }).strict(),
    response: z.object({ profile: ProfileSummarySchema }),
  },
  'profile:activate': {
    method: 'activateProfile',
    request: z.object({ id: ProfileIdSchema }).strict(),
    response: z.object({ activeProfileId: z.string() }),
  },
  'profile:test': {
    method: 'testProfile',
    request: z.object({ id: ProfileIdSchema }).strict(),
    response: ConnectionReportSchema,
  },
  'profile:export': {
    method: 'exportProfile',
    request: z.object({ id: ProfileIdSchema }).strict(),
    response: z.object({ fileName: z.string(), text: z.string() }),
  },
  'profile:import': {
    method: 'importProfile',
    request: z.object({ text: z.string().max(MAX_DRAFT_CHARS) }).strict(),
    response: z.object({ profile: ProfileSummarySchema }),
  },
  'settings:load-from-marketo': {
    method: 'loadFromMarketo',
    request: z.object({ profileId: ProfileIdSchema }).strict(),
    response: MarketoCatalogSchema,
  },
  'settings:cached-catalog': {
    method: 'getCachedCatalog',
    request: z.object({ profileId: ProfileIdSchema }).strict(),
    response: z.object({ catalog: MarketoCatalogSchema.nullable() }),
  },
  // Event Delivery (issue 11): summary, trends and issues over the recorded deliveries.
  'delivery:summary': {
    method: 'deliverySummary',
    request: DeliveryFilterSchema,
    response: DeliveryOverviewSchema,
  },
  'delivery:trends': {
    method: 'deliveryTrends',
    request: DeliveryFilterSchema,
    response: DeliveryTrendsSchema,
  },
  'delivery:issues': {
    method: 'deliveryIssues',
    request: IssueQuerySchema,
    response: DeliveryIssuesSchema,
  },
  'delivery:examples': {
    method: 'deliveryExamples',
    request: ExamplesQuerySchema,
    response: IssueExamplesSchema,
  },
  'delivery:export': {
    method: 'exportDelivery',
    request: ExportQuerySchema,
    response: DeliveryExportSchema,
  },
  // The local collector, Source Debugger and Schema view (issue 12).
  'collector:status': {
    method: 'collectorStatus',
    request: Empty,
    response: CollectorStatusSchema,
  },
  'collector:list': {
    method: 'listReceived',
    request: ReceivedEventQuerySchema,
    response: ReceivedEventPageSchema,
  },
  'collector:get': {
    method: 'getReceived',
    request: z.object({ id: z.number().int().min(1) }).strict(),
    response: ReceivedEventSchema,
  },
  'collector:sources': {
    method: 'listSources',
    request: Empty,
    response: z.object({ sources: z.array(CollectorSourceSchema) }),
  },
  'collector:rename-source': {
    method: 'renameSource',
    request: z.object({ writeKey: z.string().max(200), name: z.string().trim().min(1).max(100) }).strict(),
    response: CollectorSourceSchema,
  },
  'collector:set-forward': {
    method: 'setSourceForward',
    request: z
      .object({ writeKey: z.string().max(200), targetId: z.string().min(1).max(200).nullable() })
      .strict(),
    response: CollectorSourceSchema,
  },
  'collector:schema': {
    method: 'schemaReport',
    request: SchemaQuerySchema,
    response: SchemaReportSchema,
  },
  'collector:properties': {
    method: 'propertyReport',
    request: PropertyQuerySchema,
    response: PropertyReportSchema,
  },
  // Test suites in the app (issue 10): files, the cost before a run, runs and their records.
  'suite:open': {
    method: 'openSuite',
    request: SuiteOpenRequestSchema,
    response: SuiteOpenResponseSchema,
  },
  'suite:save': {
    method: 'saveSuite',
    request: SuiteSaveRequestSchema,
    response: z.object({ path: z.string(), name: z.string() }),
  },
  'suite:recent': {
    method: 'recentSuites',
    request: Empty,
    response: z.object({ paths: z.array(z.string()) }),
  },
  'suite:estimate': {
    method: 'estimateSuite',
    request: SuiteEstimateRequestSchema,
    response: SuiteEstimateSchema,
  },
  /** Answers when the run ends (cancelled included); `run:progress` pushes come meanwhile. */
  'suite:run': {
    method: 'runSuite',
    request: SuiteRunRequestSchema,
    response: SuiteRunSchema,
  },
  'suite:cancel': {
    method: 'cancelSuiteRun',
    request: z.object({ runId: z.string().min(1).max(100) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'suite:runs': {
    method: 'listSuiteRuns',
    request: Empty,
    response: SuiteRunsResponseSchema,
  },
  'suite:get-run': {
    method: 'getSuiteRun',
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: SuiteRunSchema,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<Contract[C]['response']>;

/** Push events from main to the renderer. */
export const pushContract = {
  'event:progress': z.object({ sendId: z.string(), interaction: InteractionSchema }),
  /** This process recorded a delivery; the History list shows it at once (other processes' on refresh). */
  'history:recorded': DeliverySummarySchema,
  /** The collector stored an event (pushed after it is in the store). */
  'collector:event': ReceivedEventSummarySchema,
  /** A suite run's counts and the cases finished since the last push (the first names the run). */
  'run:progress': RunProgressSchema,
} as const;
export type PushContract = typeof pushContract;
export type PushChannel = keyof PushContract;
export const PUSH_CHANNELS = Object.keys(pushContract) as PushChannel[];
export type PushPayload<P extends PushChannel> = z.infer<PushContract[P]>;

export const IpcErrorCodeSchema = z.enum(['forbidden', 'bad-request', 'not-found', 'internal']);
export const IpcErrorSchema = z.object({ code: IpcErrorCodeSchema, message: z.string() });
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** Every channel answers with a result envelope, so errors arrive typed instead of as thrown strings. */
export type IpcResult<T> = Result<T, IpcError>;

type MethodName<C extends Channel> = Contract[C]['method'];

/** The shape of `window.tester`, derived from the contract. */
export type TesterApi = {
  [C in Channel as MethodName<C>]: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
} & {
  /** Subscribe to a push channel; returns the unsubscribe function. */
  on<P extends PushChannel>(channel: P, listener: (payload: PushPayload<P>) => void): () => void;
};
