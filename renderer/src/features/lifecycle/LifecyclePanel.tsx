import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../ui/Icon';
import { PAGING_KEY_LABELS } from '../../ui/pagingKeys';
import { modKey } from '../../ui/platform';
import { InteractionDetails } from './InteractionDetails';
import { OutcomeBanner } from './OutcomeBanner';
import { PlanView } from './PlanView';
import { LifecycleContext, useLifecycle } from './lifecycleContext';
import {
  selectCurrentInteraction,
  selectInteractions,
  selectPager,
  useLifecycleStore,
  type LifecycleStore,
} from './lifecycleStore';
import './lifecycle.css';
import { TONE_ICONS } from './OutcomeBanner';
import { gaveUp, shortStepLabel, summarizeInteraction, toneWord } from './outcome';
import { Waterfall } from './Waterfall';
import { announceLifecycle } from './announcements';
import { lifecycleHar, lifecycleJson, saveTextFile } from './exchangeExport';
import { useAppStore } from '../app';

function Pager() {
  const pager = useLifecycle(useShallow(selectPager));
  const prev = useLifecycle((s) => s.prev);
  const next = useLifecycle((s) => s.next);
  if (pager.total === 0) return null;
  return (
    <div className="pager">
      <button
        type="button"
        className="icon-button"
        onClick={prev}
        disabled={!pager.canPrev}
        aria-label="Previous request"
      >
        <Icon name="chevron-left" />
      </button>
      <span className="pager-label" data-testid="pager-label">
        {pager.label}
      </span>
      <button
        type="button"
        className="icon-button"
        onClick={next}
        disabled={!pager.canNext}
        aria-label="Next request"
      >
        <Icon name="chevron-right" />
      </button>
    </div>
  );
}

/** Every exchange at a glance, in order; a click jumps to it (the arrows and keys still page). */
function RequestRail() {
  const items = useLifecycle(selectInteractions);
  const index = useLifecycle((s) => s.index);
  const select = useLifecycle((s) => s.select);
  const finished = useLifecycle((s) => s.phase === 'done');
  if (items.length < 2) return null;
  return (
    <ol className="rail" aria-label="Requests">
      {items.map((item, i) => {
        const summary = summarizeInteraction(item, { gaveUp: gaveUp(items, i, finished) });
        return (
          <li key={i}>
            <button
              type="button"
              className="rail-item"
              data-tone={summary.tone}
              aria-current={i === index ? 'step' : undefined}
              onClick={() => select(i)}
              title={`Request ${i + 1}: ${shortStepLabel(item.step)}, attempt ${item.attempt}, ${summary.status}`}
            >
              {/* The status is an icon shape and a word, not only the dot's colour. */}
              <Icon name={TONE_ICONS[summary.tone]} className="rail-icon" />
              <span className="rail-n">{i + 1}</span>
              <span className="rail-label">{shortStepLabel(item.step)}</span>
              {item.attempt > 1 && (
                <span className="rail-attempt">
                  <span aria-hidden="true">×{item.attempt}</span>
                  <span className="visually-hidden">attempt {item.attempt}</span>
                </span>
              )}
              <span className="visually-hidden">, {toneWord(summary.tone)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** The send's exchanges as a file: JSON (the records) or HAR (for devtools, Postman, Insomnia). */
function ExportButtons() {
  const items = useLifecycle(selectInteractions);
  const finished = useLifecycle((s) => s.phase === 'done');
  const version = useAppStore((s) => s.version) ?? '';
  if (!finished || items.length === 0) return null;
  const stamp = items[0]?.startedAt.replace(/[:.]/g, '-') ?? 'lifecycle';
  return (
    <>
      <button
        type="button"
        className="ghost-button"
        onClick={() => saveTextFile(`lifecycle-${stamp}.json`, lifecycleJson(items), 'application/json')}
      >
        Export JSON
      </button>
      <button
        type="button"
        className="ghost-button"
        onClick={() =>
          saveTextFile(`lifecycle-${stamp}.har`, lifecycleHar(items, version), 'application/json')
        }
      >
        Export HAR
      </button>
    </>
  );
}

/** What the Tester's panel shows before the first send. */
function SendFirstState() {
  return (
    <div className="empty" data-testid="lifecycle-empty">
      <div className="empty-art" aria-hidden="true">
        <Icon name="inbox" />
      </div>
      <p className="empty-title">Send an event to see every request and response</p>
      <p className="muted">
        Each HTTP exchange with Marketo appears here, paged <span className="kbd-inline">1 of N</span>: the
        access token, the lead lookup and the activity post, with headers, bodies, timings and retries.
      </p>
      <p className="muted small">
        <kbd>{modKey}</kbd> + <kbd>Enter</kbd> sends · <kbd>←</kbd> <kbd>→</kbd> page through requests ·{' '}
        <kbd>{PAGING_KEY_LABELS.prev}</kbd> / <kbd>{PAGING_KEY_LABELS.next}</kbd> from anywhere
      </p>
    </div>
  );
}

function SendingState({
  count,
  dryRun,
  onCancel,
}: {
  count: number;
  dryRun: boolean;
  onCancel?: () => void;
}) {
  const cancelling = useLifecycle((s) => s.cancelling);
  return (
    <div className="outcome tone-info sending" data-testid="sending">
      <div className="spinner" aria-hidden="true" />
      <div className="outcome-body">
        <strong className="outcome-title">
          {dryRun ? 'Planning…' : cancelling ? 'Cancelling…' : 'Sending…'}
        </strong>
        <p className="outcome-summary">
          {cancelling
            ? 'Stopping after the request in flight; nothing more is sent.'
            : count === 0
              ? 'Waiting for the first response.'
              : `${count} request${count === 1 ? '' : 's'} so far.`}
        </p>
      </div>
      {/* aria-disabled, not disabled, while cancelling: focus stays on it until the result takes it. */}
      {onCancel && !dryRun && (
        <button
          type="button"
          className="secondary-button cancel-send"
          onClick={onCancel}
          aria-disabled={cancelling || undefined}
          aria-keyshortcuts="Escape"
          title="Stop the send (Esc)"
          data-testid="cancel-send"
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}

function Body({ placeholder, onCancel }: { placeholder: ReactNode; onCancel?: () => void }) {
  const phase = useLifecycle((s) => s.phase);
  const result = useLifecycle((s) => s.result);
  const error = useLifecycle((s) => s.error);
  const dryRun = useLifecycle((s) => s.dryRun);
  const liveCount = useLifecycle((s) => s.live.length);
  const current = useLifecycle(selectCurrentInteraction);
  const position = useLifecycle((s) => selectPager(s).position);
  return (
    <div className="lifecycle-body">
      {phase === 'idle' && placeholder}
      {phase === 'sending' && <SendingState count={liveCount} dryRun={dryRun} onCancel={onCancel} />}
      {phase === 'error' && (
        <div className="outcome tone-danger" tabIndex={-1}>
          <div className="outcome-icon">
            <Icon name="error" />
          </div>
          <div className="outcome-body">
            <strong className="outcome-title">The send did not complete</strong>
            <p className="outcome-summary">{error}</p>
          </div>
        </div>
      )}
      {phase === 'done' && result && <OutcomeBanner result={result} />}
      {phase === 'done' && result?.dryRun && result.plan.length > 0 && <PlanView plan={result.plan} />}
      <RequestRail />
      <Waterfall />
      {current && <InteractionDetails interaction={current} position={position} />}
    </div>
  );
}

/**
 * Left/Right page requests from the panel, but not where the arrows already mean something: a text
 * field (the body search) moves its caret, a focused body scrolls sideways. Alt+PageDown/PageUp page
 * from anywhere.
 */
function keepsItsArrows(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.closest('pre.json') !== null
  );
}

function PagingSection({
  actions,
  placeholder,
  onCancel,
}: {
  actions: ReactNode;
  placeholder: ReactNode;
  onCancel?: () => void;
}) {
  const prev = useLifecycle((s) => s.prev);
  const next = useLifecycle((s) => s.next);
  const titleId = useId();
  const section = useRef<HTMLElement>(null);
  const phase = useLifecycle((s) => s.phase);

  // Send and Dry run disable themselves while sending, which drops focus to <body>: keep it on the
  // panel meanwhile, then put it on the result. Focus elsewhere (the editor after Ctrl+Enter) stays.
  useEffect(() => {
    const panel = section.current;
    const active = document.activeElement;
    const lost =
      !active || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
    if (!panel) return;
    if (phase === 'sending' && lost) panel.focus();
    else if ((phase === 'done' || phase === 'error') && (lost || active === panel))
      panel.querySelector<HTMLElement>('[data-testid="outcome"], .outcome')?.focus();
  }, [phase]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    // Escape stops a send, with focus in this panel only (never taken from the editor or a dialog).
    if (e.key === 'Escape' && phase === 'sending' && onCancel && !e.defaultPrevented) {
      e.preventDefault();
      onCancel();
      return;
    }
    if (keepsItsArrows(e.target)) return;
    if (e.key === 'ArrowLeft') {
      e.preventDefault();
      prev();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      next();
    }
  };

  return (
    <section
      ref={section}
      className="pane lifecycle"
      aria-labelledby={titleId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="lifecycle"
    >
      <header className="pane-head">
        <h2 id={titleId}>Event Lifecycle</h2>
        <div className="pane-head-end">
          {actions}
          <ExportButtons />
          <Pager />
        </div>
      </header>
      <Body placeholder={placeholder} onCancel={onCancel} />
    </section>
  );
}

/**
 * The paged lifecycle viewer. Without a store it shows the Tester's live send; History passes its
 * own store (a recorded delivery), its placeholder (select, loading, error) and its actions.
 * `onCancel` (the Tester's) offers Cancel, and Escape, while a send is in flight.
 */
export function LifecyclePanel({
  store = useLifecycleStore,
  placeholder = <SendFirstState />,
  actions = null,
  onCancel,
}: {
  store?: LifecycleStore;
  placeholder?: ReactNode;
  actions?: ReactNode;
  onCancel?: () => void;
}) {
  useEffect(() => announceLifecycle(store), [store]);
  return (
    <LifecycleContext value={store}>
      <PagingSection actions={actions} placeholder={placeholder} onCancel={onCancel} />
    </LifecycleContext>
  );
}
