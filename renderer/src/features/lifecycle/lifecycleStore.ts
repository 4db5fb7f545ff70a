import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DeliveryResult, Interaction } from '../../../../shared/interaction';

export type LifecyclePhase = 'idle' | 'sending' | 'done' | 'error';
export type LifecycleTab = 'request' | 'response';

export interface LifecycleState {
  phase: LifecyclePhase;
  /** The send in flight or last finished; progress for any other send is ignored. */
  sendId: string | null;
  /** A cancel was asked for the send in flight; it ends when the engine has wound down. */
  cancelling: boolean;
  dryRun: boolean;
  /** Interactions pushed by `event:progress` while a send is running. */
  live: Interaction[];
  result: DeliveryResult | null;
  error: string | null;
  index: number;
  tab: LifecycleTab;
  beginSend(sendId: string, dryRun: boolean): void;
  setCancelling(sendId: string, cancelling: boolean): void;
  /** Shows a finished delivery (a recorded one from History), from its first exchange. */
  show(result: DeliveryResult): void;
  /** Back to the empty panel. */
  clear(): void;
  receiveProgress(payload: { sendId: string; interaction: Interaction }): void;
  finish(sendId: string, result: DeliveryResult): void;
  fail(sendId: string, message: string): void;
  next(): void;
  prev(): void;
  select(index: number): void;
  setTab(tab: LifecycleTab): void;
}

export function selectInteractions(state: Pick<LifecycleState, 'result' | 'live'>): Interaction[] {
  return state.result ? state.result.interactions : state.live;
}

const clamp = (index: number, total: number) => Math.max(0, Math.min(index, total - 1));

export type LifecycleStore = UseBoundStore<StoreApi<LifecycleState>>;

const EMPTY: Pick<
  LifecycleState,
  'phase' | 'sendId' | 'cancelling' | 'dryRun' | 'live' | 'result' | 'error' | 'index'
> = {
  phase: 'idle',
  sendId: null,
  cancelling: false,
  dryRun: false,
  live: [],
  result: null,
  error: null,
  index: 0,
};

/**
 * One store per viewer: the Tester's shows the live send, History's a recorded delivery, and both
 * stay mounted, so paging one must not move the other.
 */
export function createLifecycleStore(): LifecycleStore {
  return create<LifecycleState>()((set, get) => ({
    ...EMPTY,
    tab: 'request',
    beginSend(sendId, dryRun) {
      set({ ...EMPTY, phase: 'sending', sendId, dryRun, tab: 'request' });
    },
    setCancelling(sendId, cancelling) {
      const s = get();
      if (s.phase === 'sending' && s.sendId === sendId) set({ cancelling });
    },
    show(result) {
      // The tab stays as chosen: comparing responses across deliveries is the common case.
      set({ ...EMPTY, phase: 'done', dryRun: result.dryRun, result });
    },
    clear() {
      set({ ...EMPTY });
    },
    receiveProgress({ sendId, interaction }) {
      const s = get();
      if (s.phase !== 'sending' || s.sendId !== sendId) return;
      const live = [...s.live, interaction];
      // While sending, follow the newest exchange so progress is visible as it happens.
      set({ live, index: live.length - 1 });
    },
    finish(sendId, result) {
      if (get().sendId !== sendId) return;
      set({ phase: 'done', result, live: [], index: 0, error: null, cancelling: false });
    },
    fail(sendId, message) {
      if (get().sendId !== sendId) return;
      set({ phase: 'error', error: message, cancelling: false });
    },
    next() {
      const s = get();
      const total = selectInteractions(s).length;
      if (total > 0 && s.index < total - 1) set({ index: s.index + 1 });
    },
    prev() {
      const s = get();
      if (s.index > 0) set({ index: s.index - 1 });
    },
    select(index) {
      const total = selectInteractions(get()).length;
      if (total > 0) set({ index: clamp(index, total) });
    },
    setTab(tab) {
      set({ tab });
    },
  }));
}

/** The Tester's viewer: the draft's live send and its result. */
export const useLifecycleStore = createLifecycleStore();

export interface PagerView {
  position: number;
  total: number;
  canPrev: boolean;
  canNext: boolean;
  label: string;
}

export function selectPager(state: Pick<LifecycleState, 'result' | 'live' | 'index'>): PagerView {
  const total = selectInteractions(state).length;
  const position = total === 0 ? 0 : clamp(state.index, total) + 1;
  return {
    position,
    total,
    canPrev: position > 1,
    canNext: position < total,
    label: `${position} of ${total}`,
  };
}

export function selectCurrentInteraction(
  state: Pick<LifecycleState, 'result' | 'live' | 'index'>,
): Interaction | null {
  const items = selectInteractions(state);
  return items.length === 0 ? null : (items[clamp(state.index, items.length)] ?? null);
}
