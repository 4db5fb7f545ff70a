import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type {
  DeliveryExport,
  DeliveryFilter,
  DeliveryIssue,
  DeliveryOverview,
  DeliveryTrends,
  ExamplesQuery,
  ExportQuery,
  IssueExamples,
  IssueQuery,
  Period,
  TimeRange,
} from '../../../../shared/deliveryStats';
import type { DeliveryRecord } from '../../../../shared/history';
import type { IpcResult } from '../../../../shared/ipc/contract';
import type { DeliverySource } from '../../../../shared/interaction';

/** What the store needs from outside: the channels, the viewer to show an example in, a clock, a saver. */
export interface DeliveryDeps {
  summary(filter: DeliveryFilter): Promise<IpcResult<DeliveryOverview>>;
  trends(filter: DeliveryFilter): Promise<IpcResult<DeliveryTrends>>;
  issues(query: IssueQuery): Promise<IpcResult<{ issues: DeliveryIssue[] }>>;
  examples(query: ExamplesQuery): Promise<IpcResult<IssueExamples>>;
  exportData(query: ExportQuery): Promise<IpcResult<DeliveryExport>>;
  getDelivery(id: string): Promise<IpcResult<DeliveryRecord>>;
  show(record: DeliveryRecord | null): void;
  save(file: DeliveryExport): void;
  now(): number;
}

export interface DeliveryFilters {
  period: Period;
  /** For `custom`: ISO times. */
  from: string | null;
  to: string | null;
  profileId: string | null;
  sources: DeliverySource[];
}

export const DEFAULT_FILTERS: DeliveryFilters = {
  period: '24h',
  from: null,
  to: null,
  profileId: null,
  sources: [],
};

type Status = 'idle' | 'loading' | 'ready' | 'error';

export interface OpenIssue {
  code: string;
  status: Status;
  error: string | null;
  examples: IssueExamples | null;
  /** The example shown in the lifecycle viewer. */
  openedId: string | null;
  opened: { status: Status; error: string | null; record: DeliveryRecord | null };
}

export interface DeliveryState {
  filters: DeliveryFilters;
  /** The period's end for every query of one load, so summary, trends and issues agree. */
  until: string | null;
  /** Bumped per load; answers to an older one are dropped. */
  load: number;
  status: Status;
  error: string | null;
  overview: DeliveryOverview | null;
  trends: DeliveryTrends | null;
  issues: DeliveryIssue[] | null;
  issuesStatus: Status;
  /** A trend bucket clicked in the chart: the issues (and examples) are narrowed to it. */
  bucket: TimeRange | null;
  issue: OpenIssue | null;
  exportError: string | null;

  refresh(): void;
  setPeriod(period: Period): void;
  setCustom(from: string, to: string): void;
  setProfile(profileId: string | null): void;
  toggleSource(source: DeliverySource): void;
  selectBucket(bucket: TimeRange | null): void;
  openIssue(code: string): void;
  closeIssue(): void;
  openExample(id: string): void;
  exportData(what: ExportQuery['what'], format: ExportQuery['format']): Promise<void>;
}

export type DeliveryStore = UseBoundStore<StoreApi<DeliveryState>>;

/** The filter the channels take, from the view's filters and the load's anchor. */
export function toFilter(filters: DeliveryFilters, until: string | null): DeliveryFilter {
  return {
    period: filters.period,
    ...(until && filters.period !== 'custom' ? { until } : {}),
    ...(filters.period === 'custom' && filters.from && filters.to
      ? { from: filters.from, to: filters.to }
      : {}),
    ...(filters.profileId ? { profileId: filters.profileId } : {}),
    ...(filters.sources.length ? { sources: filters.sources } : {}),
  };
}

const failed = <T>(result: IpcResult<T>): string | null => (result.ok ? null : result.error.message);

export function createDeliveryStore(deps: DeliveryDeps): DeliveryStore {
  return create<DeliveryState>()((set, get) => {
    const filterNow = () => toFilter(get().filters, get().until);
    const issueQuery = (): IssueQuery => ({
      ...filterNow(),
      ...(get().bucket ? { bucket: get().bucket! } : {}),
    });

    async function loadIssues(load: number): Promise<void> {
      set({ issuesStatus: 'loading' });
      const result = await deps.issues(issueQuery());
      if (get().load !== load) return;
      if (result.ok) set({ issues: result.value.issues, issuesStatus: 'ready' });
      else set({ issuesStatus: 'error', error: result.error.message });
    }

    async function loadExamples(code: string): Promise<void> {
      const load = get().load;
      const result = await deps.examples({ ...issueQuery(), code });
      const current = get().issue;
      if (get().load !== load || current?.code !== code) return;
      set({
        issue: result.ok
          ? { ...current, status: 'ready', error: null, examples: result.value }
          : { ...current, status: 'error', error: result.error.message },
      });
    }

    async function refresh(): Promise<void> {
      const load = get().load + 1;
      const until = new Date(deps.now()).toISOString();
      set({ load, until, status: 'loading', error: null });
      const filter = toFilter(get().filters, until);
      const [overview, trends] = await Promise.all([deps.summary(filter), deps.trends(filter)]);
      if (get().load !== load) return;
      const problem = failed(overview) ?? failed(trends);
      if (problem !== null || !overview.ok || !trends.ok) {
        set({ status: 'error', error: problem });
        return;
      }
      // Issues are still to come: the view is not settled until they are (one update, no in-between state).
      set({ status: 'ready', overview: overview.value, trends: trends.value, issuesStatus: 'loading' });
      await loadIssues(load);
      const open = get().issue;
      if (open) void loadExamples(open.code);
    }

    /** A new filter is a new question: the clicked bucket and the open issue belong to the old one. */
    const refilter = (filters: Partial<DeliveryFilters>) => {
      set({ filters: { ...get().filters, ...filters }, bucket: null, issue: null });
      deps.show(null);
      void refresh();
    };

    return {
      filters: DEFAULT_FILTERS,
      until: null,
      load: 0,
      status: 'idle',
      error: null,
      overview: null,
      trends: null,
      issues: null,
      issuesStatus: 'idle',
      bucket: null,
      issue: null,
      exportError: null,

      refresh: () => void refresh(),
      setPeriod: (period) => {
        if (period === 'custom') {
          // Start the custom range as the period shown so far; the inputs then edit it.
          const range = get().overview?.range;
          refilter({ period, from: range?.start ?? null, to: range?.end ?? null });
        } else refilter({ period });
      },
      setCustom: (from, to) => refilter({ period: 'custom', from, to }),
      setProfile: (profileId) => refilter({ profileId }),
      toggleSource: (source) => {
        const sources = get().filters.sources;
        refilter({
          sources: sources.includes(source) ? sources.filter((s) => s !== source) : [...sources, source],
        });
      },
      selectBucket: (bucket) => {
        const same = bucket && get().bucket?.start === bucket.start;
        set({ bucket: same ? null : bucket });
        void loadIssues(get().load);
        const open = get().issue;
        if (open) {
          set({ issue: { ...open, status: 'loading', examples: null } });
          void loadExamples(open.code);
        }
      },
      openIssue: (code) => {
        deps.show(null);
        set({
          issue: {
            code,
            status: 'loading',
            error: null,
            examples: null,
            openedId: null,
            opened: { status: 'idle', error: null, record: null },
          },
        });
        void loadExamples(code);
      },
      closeIssue: () => {
        deps.show(null);
        set({ issue: null });
      },
      openExample: (id) => {
        const open = get().issue;
        if (!open) return;
        set({ issue: { ...open, openedId: id, opened: { status: 'loading', error: null, record: null } } });
        void deps.getDelivery(id).then((result) => {
          const now = get().issue;
          if (!now || now.openedId !== id) return;
          deps.show(result.ok ? result.value : null);
          set({
            issue: {
              ...now,
              opened: result.ok
                ? { status: 'ready', error: null, record: result.value }
                : { status: 'error', error: result.error.message, record: null },
            },
          });
        });
      },
      exportData: async (what, format) => {
        set({ exportError: null });
        const result = await deps.exportData({ ...issueQuery(), what, format });
        if (result.ok) deps.save(result.value);
        else set({ exportError: result.error.message });
      },
    };
  });
}
