import { beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryResult, Interaction } from '../../shared/interaction';
import { eventTemplates } from '../../shared/segment/templates';
import {
  checkDraft,
  describeProblem,
  selectProblemCounts,
  selectSendBlockReason,
  useDraftStore,
} from '../../renderer/src/features/editor/draftStore';
import {
  createLifecycleStore,
  selectCurrentInteraction,
  selectPager,
  useLifecycleStore,
} from '../../renderer/src/features/lifecycle/lifecycleStore';
import {
  deriveOutcome,
  outcomeChip,
  prettyBody,
  queryParams,
  summarizeInteraction,
} from '../../renderer/src/features/lifecycle/outcome';
import { highlightJson } from '../../renderer/src/ui/jsonHighlight';

const interaction = (
  step: Interaction['step'],
  attempt = 1,
  extra: Partial<Interaction> = {},
): Interaction => ({
  step,
  attempt,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 12,
  request: { method: 'GET', url: 'http://127.0.0.1:1/rest/v1/leads.json?filterType=email', headers: {} },
  response: { status: 200, headers: {}, body: { success: true } },
  error: null,
  ...extra,
});

const result = (extra: Partial<DeliveryResult> = {}): DeliveryResult => ({
  id: 'd-1',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:00.040Z',
  source: 'app',
  targetId: 'sandbox',
  outcome: 'delivered',
  dryRun: false,
  plan: [],
  interactions: [interaction('token'), interaction('lead-lookup'), interaction('activity-post')],
  warnings: [],
  ...extra,
});

describe('lifecycle store: paging', () => {
  beforeEach(() => {
    useLifecycleStore.setState({
      phase: 'idle',
      sendId: null,
      result: null,
      live: [],
      index: 0,
      error: null,
    });
  });

  it('pages within 1..N and never past either end', () => {
    const s = useLifecycleStore.getState();
    s.beginSend('a', false);
    s.finish('a', result());
    expect(selectPager(useLifecycleStore.getState())).toMatchObject({
      label: '1 of 3',
      canPrev: false,
      canNext: true,
    });
    s.prev();
    expect(useLifecycleStore.getState().index).toBe(0);
    s.next();
    s.next();
    s.next();
    s.next();
    expect(selectPager(useLifecycleStore.getState())).toMatchObject({
      label: '3 of 3',
      canPrev: true,
      canNext: false,
    });
    expect(selectCurrentInteraction(useLifecycleStore.getState())?.step).toBe('activity-post');
    s.select(-5);
    expect(useLifecycleStore.getState().index).toBe(0);
    s.select(99);
    expect(useLifecycleStore.getState().index).toBe(2);
  });

  it('shows "0 of 0" and ignores paging when nothing was sent', () => {
    const s = useLifecycleStore.getState();
    s.beginSend('b', false);
    s.finish('b', result({ outcome: 'rejected', reason: 'unmapped', interactions: [] }));
    s.next();
    s.select(3);
    expect(useLifecycleStore.getState().index).toBe(0);
    expect(selectPager(useLifecycleStore.getState())).toMatchObject({
      total: 0,
      canPrev: false,
      canNext: false,
    });
    expect(selectCurrentInteraction(useLifecycleStore.getState())).toBeNull();
  });

  it('follows live progress for its own send only, then starts the result at 1', () => {
    const s = useLifecycleStore.getState();
    s.beginSend('c', false);
    s.receiveProgress({ sendId: 'c', interaction: interaction('token') });
    s.receiveProgress({ sendId: 'other', interaction: interaction('describe') });
    s.receiveProgress({ sendId: 'c', interaction: interaction('lead-lookup') });
    expect(selectPager(useLifecycleStore.getState()).label).toBe('2 of 2');
    s.finish('c', result());
    expect(selectPager(useLifecycleStore.getState()).label).toBe('1 of 3');
    // A late push for the finished send does not disturb the result.
    s.receiveProgress({ sendId: 'c', interaction: interaction('describe') });
    expect(selectPager(useLifecycleStore.getState()).total).toBe(3);
  });

  it('drops the answer of a superseded send', () => {
    const s = useLifecycleStore.getState();
    s.beginSend('old', false);
    s.beginSend('new', true);
    s.finish('old', result());
    expect(useLifecycleStore.getState().phase).toBe('sending');
    s.fail('new', 'boom');
    expect(useLifecycleStore.getState()).toMatchObject({ phase: 'error', error: 'boom' });
  });
});

describe('lifecycle store: cancelling', () => {
  it('marks only the send in flight as cancelling, and its result ends that', () => {
    const s = useLifecycleStore.getState();
    s.beginSend('held', false);
    s.setCancelling('other', true);
    expect(useLifecycleStore.getState().cancelling).toBe(false);
    s.setCancelling('held', true);
    expect(useLifecycleStore.getState()).toMatchObject({ phase: 'sending', cancelling: true });
    s.finish('held', result({ outcome: 'failed', code: 'CANCELLED' }));
    expect(useLifecycleStore.getState()).toMatchObject({ phase: 'done', cancelling: false });
    // Finished: a late cancel changes nothing, and the next send starts clean.
    s.setCancelling('held', true);
    expect(useLifecycleStore.getState().cancelling).toBe(false);
    s.beginSend('next', false);
    s.setCancelling('next', true);
    s.beginSend('after', false);
    expect(useLifecycleStore.getState().cancelling).toBe(false);
  });
});

describe('lifecycle store: a recorded delivery', () => {
  it('shows a finished result from its first exchange, keeping the chosen tab', () => {
    const viewer = createLifecycleStore();
    viewer.getState().setTab('response');
    viewer.getState().show(result({ id: 'rec-1' }));
    expect(viewer.getState()).toMatchObject({ phase: 'done', index: 0, tab: 'response', sendId: null });
    expect(selectPager(viewer.getState()).label).toBe('1 of 3');
    viewer.getState().next();
    viewer.getState().show(result({ id: 'rec-2', interactions: [interaction('lead-upsert')] }));
    expect(selectPager(viewer.getState()).label).toBe('1 of 1');
    viewer.getState().clear();
    expect(viewer.getState()).toMatchObject({ phase: 'idle', result: null, index: 0 });
  });

  it('keeps each viewer to itself: paging History does not move the Tester', () => {
    const history = createLifecycleStore();
    const s = useLifecycleStore.getState();
    s.beginSend('live', false);
    s.finish('live', result());
    history.getState().show(result({ id: 'rec' }));
    history.getState().select(2);
    expect(useLifecycleStore.getState().index).toBe(0);
    expect(history.getState().index).toBe(2);
    // A progress push is for the Tester's send, not for a recorded delivery on show.
    history.getState().receiveProgress({ sendId: 'live', interaction: interaction('describe') });
    expect(selectPager(history.getState()).total).toBe(3);
  });
});

describe('outcome derivation', () => {
  it('names each outcome with its tone', () => {
    expect(deriveOutcome(result())).toMatchObject({ tone: 'success', title: 'Delivered', noRequests: false });
    expect(
      deriveOutcome(
        result({ outcome: 'rejected', reason: 'No activity mapped', interactions: [], code: 'unmapped' }),
      ),
    ).toMatchObject({
      tone: 'warning',
      title: 'Message Rejected',
      summary: 'No activity mapped',
      noRequests: true,
      code: 'unmapped',
    });
    expect(deriveOutcome(result({ outcome: 'skipped', interactions: [] }))).toMatchObject({
      tone: 'neutral',
      title: 'Skipped',
    });
    expect(deriveOutcome(result({ outcome: 'failed', hint: 'Check the id', code: '1004' }))).toMatchObject({
      tone: 'danger',
      title: 'Failed',
      hint: 'Check the id',
      code: '1004',
    });
    expect(
      deriveOutcome(result({ outcome: 'failed', code: 'CANCELLED', reason: 'Cancelled before anything' })),
    ).toMatchObject({ tone: 'neutral', title: 'Cancelled', summary: 'Cancelled before anything' });
    expect(deriveOutcome(result({ outcome: 'planned', dryRun: true, interactions: [] }))).toMatchObject({
      tone: 'info',
      title: 'Dry run',
      noRequests: true,
    });
    expect(deriveOutcome(result({ outcome: 'uncertain' }))).toMatchObject({
      tone: 'warning',
      title: 'Uncertain',
    });
    expect(outcomeChip('rejected')).toEqual({ label: 'Rejected', tone: 'warning' });
    expect(outcomeChip('failed')).toEqual({ label: 'Failed', tone: 'danger' });
  });

  it('mentions retries when attempts were repeated', () => {
    const retried = result({
      interactions: [
        interaction('activity-post', 1),
        interaction('activity-post', 2),
        interaction('activity-post', 3),
      ],
    });
    expect(deriveOutcome(retried).summary).toContain('2 retries');
  });

  it('colours an exchange by its classification or status', () => {
    const transient = interaction('activity-post', 1, {
      classification: { kind: 'transient', code: '606', hint: 'Rate limited' },
    });
    expect(summarizeInteraction(transient).tone).toBe('warning');
    const reset = interaction('token', 1, {
      response: null,
      error: { code: 'ECONNRESET', message: 'reset' },
    });
    expect(summarizeInteraction(reset)).toEqual({ tone: 'danger', status: 'No response · ECONNRESET' });
    expect(summarizeInteraction(interaction('token'))).toEqual({ tone: 'success', status: '200' });
  });

  it('pretty-prints bodies and lists query parameters', () => {
    expect(prettyBody(undefined)).toBeNull();
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('grant_type=x')).toBe('grant_type=x');
    expect(queryParams('http://h/p?filterType=email&filterValues=a%40b.com')).toEqual([
      ['filterType', 'email'],
      ['filterValues', 'a@b.com'],
    ]);
    const kinds = highlightJson('{"k": "v", "n": 1, "b": true}').map((t) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(['key', 'string', 'number', 'literal', 'punct']));
    expect(
      highlightJson('{"k": "v"}')
        .map((t) => t.text)
        .join(''),
    ).toBe('{"k": "v"}');
  });
});

describe('draft store: validation and the Send-disabled reason', () => {
  it('a valid template can be sent', () => {
    useDraftStore.getState().hydrate(eventTemplates.track(), null);
    const state = useDraftStore.getState();
    expect(state.valid).toBe(true);
    expect(state.event).toMatchObject({ type: 'track', event: 'Webinar Registered' });
    expect(selectSendBlockReason(state)).toBeNull();
  });

  it('names the first problem and the count', () => {
    const text = '{\n  "type": "track",\n  "userId": "u-1",\n  "properties": {"seats": "two"}\n}';
    useDraftStore.getState().setText(text);
    const state = useDraftStore.getState();
    expect(state.valid).toBe(false);
    expect(state.saveState).toBe('pending');
    expect(selectSendBlockReason(state)).toMatch(/^Fix 1 problem to send: \$\.event is required/);
    expect(state.problems[0]).toMatchObject({ severity: 'error', path: '$.event', line: 1 });
  });

  it('pluralises, and locates a JSON syntax error by line and column', () => {
    const broken = '{\n  "type": "track",\n  "event": \n}';
    const checked = checkDraft(broken);
    expect(checked.valid).toBe(false);
    expect(checked.problems[0]?.line).toBe(4);
    expect(selectSendBlockReason({ status: 'ready', ...checked })).toMatch(
      /^Fix 1 problem to send: not valid JSON/,
    );

    const two = checkDraft('{"type": "alias"}');
    const errors = selectProblemCounts(two).errors;
    expect(errors).toBeGreaterThan(1);
    expect(selectSendBlockReason({ status: 'ready', ...two })).toMatch(
      new RegExp(`^Fix ${errors} problems to send: `),
    );
  });

  it('refuses an empty draft, several events, and a draft still loading', () => {
    expect(selectSendBlockReason({ status: 'ready', ...checkDraft('  ') })).toBe(
      'Fix 1 problem to send: The draft is empty',
    );
    const many = checkDraft(
      JSON.stringify([JSON.parse(eventTemplates.track()), JSON.parse(eventTemplates.page())]),
    );
    expect(many.valid).toBe(false);
    expect(selectSendBlockReason({ status: 'ready', ...many })).toContain('exactly one event');
    expect(selectSendBlockReason({ status: 'loading', valid: true, problems: [] })).toBe(
      'Loading the draft…',
    );
  });

  it('keeps warnings from blocking Send', () => {
    const checked = checkDraft(
      JSON.stringify({ ...JSON.parse(eventTemplates.track()), integrations: { 'Marketo v2': true } }),
    );
    expect(selectProblemCounts(checked).warnings).toBeGreaterThan(0);
    expect(checked.valid).toBe(true);
    expect(selectSendBlockReason({ status: 'ready', ...checked })).toBeNull();
  });

  it('requires "type", as the editor schema does, naming the call the body looks like', () => {
    const { type: _type, ...untyped } = JSON.parse(eventTemplates.track()) as Record<string, unknown>;
    const checked = checkDraft(JSON.stringify(untyped, null, 2));
    expect(checked.valid).toBe(false);
    expect(checked.problems[0]).toMatchObject({ severity: 'error', path: '$.type' });
    expect(checked.problems[0]?.message).toContain('"type": "track"');
  });

  it('marks a save done only when no edit happened meanwhile', () => {
    const s = useDraftStore.getState();
    s.hydrate('{}', null);
    s.setText('{"a": 1}');
    s.markSaving();
    s.markSaved('t1');
    expect(useDraftStore.getState()).toMatchObject({ saveState: 'saved', savedAt: 't1' });
    s.markSaving();
    s.setText('{"a": 2}');
    s.markSaved('t2');
    expect(useDraftStore.getState().saveState).toBe('pending');
  });

  it('describes problems without repeating the path', () => {
    expect(describeProblem({ path: '$.event', message: 'is required' })).toBe('$.event is required');
    expect(describeProblem({ path: '$', message: 'not valid JSON' })).toBe('not valid JSON');
  });
});
