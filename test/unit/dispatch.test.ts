import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/handlers/dispatch';
import { IpcHandlerError } from '../../electron/core/handlers/handlerError';
import type { HandlerTable } from '../../electron/core/handlers/types';

const SECRET = 'sk-very-secret-value-123';

function table(overrides: Partial<HandlerTable> = {}): HandlerTable & { calls: string[] } {
  const calls: string[] = [];
  const handlers: HandlerTable = {
    'app:info': async () => {
      calls.push('app:info');
      return {
        version: '1.2.3',
        platform: 'linux',
        sandboxUrl: null,
        historyPath: null,
        historyProblem: null,
      };
    },
    'app:preferences': async () => ({ sandboxNoteDismissed: false }),
    'app:set-preferences': async (patch) => ({ sandboxNoteDismissed: false, ...patch }),
    'event:send': async ({ dryRun, targetId }) => ({
      id: 'd-1',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:00.010Z',
      source: 'app',
      targetId,
      outcome: 'planned',
      dryRun,
      plan: [],
      interactions: [],
    }),
    'event:cancel': async () => ({ cancelled: false, message: 'No send with this id is in flight.' }),
    'draft:load': async () => ({ text: null, savedAt: null }),
    'draft:save': async ({ text }) => {
      calls.push(`draft:save:${text}`);
      return { savedAt: '2026-01-01T00:00:00.000Z' };
    },
    'history:list': async ({ offset }) => ({ items: [], total: 0, offset }),
    'history:get': async ({ id }) => {
      throw new IpcHandlerError('not-found', `Delivery ${id} is not in the history.`);
    },
    ...profileStubs(),
    ...deliveryStubs(),
    ...collectorStubs(),
    ...suiteStubs(),
    ...overrides,
  };
  return Object.assign(handlers, { calls });
}

describe('dispatch', () => {
  it('answers a good request with the handler value', async () => {
    const handlers = table();
    await expect(dispatch(handlers, 'app:info', {})).resolves.toEqual({
      ok: true,
      value: {
        version: '1.2.3',
        platform: 'linux',
        sandboxUrl: null,
        historyPath: null,
        historyProblem: null,
      },
    });
    expect(handlers.calls).toEqual(['app:info']);
  });

  it('refuses unknown channels, including names found on Object.prototype', async () => {
    const handlers = table();
    for (const channel of ['nope:nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const result = await dispatch(handlers, channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(handlers.calls).toEqual([]);
  });

  it('refuses a bad payload with a message naming the path, without calling the handler', async () => {
    const handlers = table();
    const result = await dispatch(handlers, 'event:send', {
      event: {},
      targetId: '',
      dryRun: 'yes',
      sendId: 's1',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toContain('event:send');
    expect(result.error.message).toContain('targetId');
    expect(result.error.message).toContain('dryRun');

    const extra = await dispatch(handlers, 'draft:save', { text: 'x', sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const notObject = await dispatch(handlers, 'draft:save', 'just a string');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(handlers.calls).toEqual([]);
  });

  it('applies response defaults from the contract', async () => {
    const result = await dispatch(table(), 'event:send', {
      event: {},
      targetId: 't',
      dryRun: true,
      sendId: 's',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { outcome: 'planned', dryRun: true, plan: [], interactions: [], warnings: [] },
    });
  });

  it('turns a response outside the contract into an internal error', async () => {
    const handlers = table({
      'app:info': async () => ({ version: 1 }) as never,
    });
    const result = await dispatch(handlers, 'app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('never forwards the text of an unexpected error, but reports it to onError', async () => {
    const seen: unknown[] = [];
    const handlers = table({
      'draft:load': async () => {
        throw new Error(`connect failed for https://x.example?client_secret=${SECRET}`);
      },
    });
    const result = await dispatch(handlers, 'draft:load', {}, { onError: (_c, error) => seen.push(error) });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(seen).toHaveLength(1);
  });

  it('passes typed handler errors through with their code and message', async () => {
    const handlers = table({
      'draft:load': async () => {
        throw new IpcHandlerError('not-found', 'No such target.');
      },
    });
    await expect(dispatch(handlers, 'draft:load', {})).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such target.' },
    });
  });
});

/** The profile channels (issue 8), answered with fixed values; this suite tests dispatch itself. */
function profileStubs() {
  const vault = {
    kind: 'memory',
    description: '',
    warning: null,
    canPersist: false,
    offerSessionOnly: false,
  } as const;
  const catalog = { loadedAt: '2026-01-01T00:00:00.000Z', activityTypes: [], leadFields: [] };
  const report = { ok: true, endpoint: '', testedAt: '', durationMs: 0, usage: null, failure: null };
  const missing = async (): Promise<never> => {
    throw new IpcHandlerError('not-found', 'No such profile.');
  };
  return {
    'profile:list': async () => ({ profiles: [], activeProfileId: 'sandbox', vault }),
    'profile:save': missing,
    'profile:delete': async () => ({ activeProfileId: 'sandbox' }),
    'profile:duplicate': missing,
    'profile:activate': async () => ({ activeProfileId: 'sandbox' }),
    'profile:test': async () => report,
    'profile:export': async () => ({ fileName: 'p.profile.json', text: '{}' }),
    'profile:import': missing,
    'settings:load-from-marketo': async () => catalog,
    'settings:cached-catalog': async () => ({ catalog: null }),
  } satisfies Partial<HandlerTable>;
}

/** The Delivery channels answer from the store; dispatch's tests do not exercise them. */
function deliveryStubs(): Pick<
  HandlerTable,
  'delivery:summary' | 'delivery:trends' | 'delivery:issues' | 'delivery:examples' | 'delivery:export'
> {
  const refuse = async (): Promise<never> => {
    throw new IpcHandlerError('not-found', 'No deliveries in this test.');
  };
  return {
    'delivery:summary': refuse,
    'delivery:trends': refuse,
    'delivery:issues': refuse,
    'delivery:examples': refuse,
    'delivery:export': refuse,
  };
}

/** The collector's channels, answering as a collector that has received nothing. */
function collectorStubs(): Pick<
  HandlerTable,
  | 'collector:status'
  | 'collector:list'
  | 'collector:get'
  | 'collector:sources'
  | 'collector:rename-source'
  | 'collector:set-forward'
  | 'collector:schema'
  | 'collector:properties'
> {
  const none = async (): Promise<never> => {
    throw new IpcHandlerError('not-found', 'No such source or event.');
  };
  return {
    'collector:status': async () => ({ url: null, port: null, problem: null }),
    'collector:list': async ({ offset }) => ({ items: [], total: 0, offset, hasMore: false }),
    'collector:get': none,
    'collector:sources': async () => ({ sources: [] }),
    'collector:rename-source': none,
    'collector:set-forward': none,
    'collector:schema': async () => ({ total: 0, buckets: [], events: [] }),
    'collector:properties': async () => ({ total: 0, bag: 'properties', buckets: [], properties: [] }),
  };
}

/** The suite channels (issue 10), answering as an app with no suite open and no recorded runs. */
function suiteStubs(): Pick<
  HandlerTable,
  | 'suite:open'
  | 'suite:save'
  | 'suite:recent'
  | 'suite:estimate'
  | 'suite:run'
  | 'suite:cancel'
  | 'suite:runs'
  | 'suite:get-run'
> {
  const none = async (): Promise<never> => {
    throw new IpcHandlerError('not-found', 'No such suite or run.');
  };
  return {
    'suite:open': none,
    'suite:save': none,
    'suite:recent': async () => ({ paths: [] }),
    'suite:estimate': async () => ({ calls: 0, upserts: 0, lookups: 0, posts: 0, refused: 0, left: null }),
    'suite:run': none,
    'suite:cancel': async () => ({ cancelled: false }),
    'suite:runs': async () => ({ runs: [] }),
    'suite:get-run': none,
  };
}
