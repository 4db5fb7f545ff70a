import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeliveryEngine } from '../../electron/core/delivery/engine';
import type { CallLedger, LedgerReservation } from '../../electron/core/marketo/callLedger';
import { createProfileService } from '../../electron/core/profiles/profileService';
import { createMemoryVault } from '../../electron/core/profiles/secretVault';
import { createRuntime, type Runtime } from '../../electron/core/runtime';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index';
import { createCallLedgerStore } from '../../electron/core/store/callLedgerStore';
import { openDatabase } from '../../electron/core/store/database';
import { DATABASE_FILE, openStore } from '../../electron/core/store/index';
import { ProfileFieldsSchema } from '../../shared/profiles';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'probe-budget-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The ledger rows of one instance, read from the database file as another process would. */
function ledgerRows(dataDir: string, instance: string): number[] {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return db
      .prepare<{ at: number }>('SELECT at FROM call_ledger WHERE instance = ? ORDER BY at')
      .all(instance)
      .map((row) => row.at);
  } finally {
    db.close();
  }
}

describe('Test connection and Load from Marketo share the rate budget', () => {
  it('take their slots in the call ledger through the app runtime, and reuse the engine’s token', async () => {
    const home = tempDir();
    const core: Runtime = await createRuntime({
      userDataDir: home,
      version: '0.0.0-test',
      platform: process.platform,
      emit: () => {},
      onWarning: () => {},
      collector: { port: 0 },
      sandboxOptions: { typesWithoutAttributes: true },
    });
    cleanups.push(() => core.dispose());
    const sandbox = core.sandbox;

    const report = await core.handlers['profile:test']({ id: 'sandbox' });
    expect(report).toMatchObject({ ok: true, failure: null, usage: { total: 1 } });
    expect(ledgerRows(home, sandbox.url)).toHaveLength(1);

    const catalog = await core.handlers['settings:load-from-marketo']({ profileId: 'sandbox' });
    // types.json and describe2, then one describe.json per type that came without attributes.
    expect(sandbox.stats().byRoute).toMatchObject({
      '/rest/v1/activities/external/types.json GET': 1,
      '/rest/v1/leads/describe2.json GET': 1,
      '/rest/v1/activities/external/type/webinarRegistered_c/describe.json GET': 1,
      '/rest/v1/activities/external/type/surveyCompleted_c/describe.json GET': 1,
    });
    expect(ledgerRows(home, sandbox.url)).toHaveLength(1 + 2 + 4);
    expect(catalog.activityTypes.find((t) => t.id === 100101)).toMatchObject({
      primaryAttribute: { apiName: 'webinar', dataType: 'string' },
      attributes: [
        { apiName: 'seats', dataType: 'integer' },
        { apiName: 'channel', dataType: 'string' },
      ],
    });

    // One token for both probes and the send after them: the engine's token cache is shared.
    const sent = await core.handlers['event:send']({
      event: {
        type: 'track',
        event: 'Webinar Registered',
        userId: 'user-1001',
        properties: { webinar: 'Spring Launch', seats: 2 },
        context: { traits: { email: 'ada@example.com' } },
      },
      targetId: 'sandbox',
      dryRun: false,
      sendId: 'after-probes',
    });
    expect(sent.outcome).toBe('delivered');
    expect(sandbox.stats().identityCalls).toBe(1);
    expect(ledgerRows(home, sandbox.url).length).toBeGreaterThan(7);
  });

  it('waits for a slot when other processes used the budget up, rather than exceeding it', async () => {
    const dataDir = tempDir();
    const sandbox: Sandbox = await startSandbox();
    cleanups.push(() => sandbox.close());
    const store = openStore({ dataDir });
    cleanups.push(() => store.close());
    // Watches the engine's ledger (the real one, in SQLite) to see when a reservation is refused.
    const refusals: LedgerReservation[] = [];
    const watched: CallLedger = {
      reserve(instance, maxCalls, windowMs) {
        const reservation = store.callLedger.reserve(instance, maxCalls, windowMs);
        if (!reservation.ok) refusals.push(reservation);
        return reservation;
      },
      complete: (ticket) => store.callLedger.complete(ticket),
    };
    const windowMs = 400;
    const engine = createDeliveryEngine({ ledger: watched, windowMs });
    cleanups.push(() => engine.close());
    const profiles = createProfileService({
      dataDir,
      vault: createMemoryVault({ canPersist: true }),
      sandbox: () => null,
      marketo: () => engine,
    });
    await profiles.load();
    const saved = await profiles.save({
      fields: ProfileFieldsSchema.parse({
        name: 'Shared',
        endpoint: sandbox.url,
        settings: { formatVersion: 1, limits: { callsPer20s: 3, maxInFlight: 2 } },
      }),
      credentials: sandbox.credentials,
      keepSecret: 'session',
    });
    if (!saved.ok) throw new Error(saved.error);

    // Another process (its own connection to the same file) takes the whole budget.
    const other = openDatabase(join(dataDir, DATABASE_FILE));
    cleanups.push(() => other.close());
    const otherLedger = createCallLedgerStore(other);
    for (let i = 0; i < 3; i += 1) {
      const slot = otherLedger.reserve(sandbox.url, 3, windowMs + 1);
      if (!slot.ok) throw new Error('the other process found no slot');
      otherLedger.complete(slot.ticket);
    }

    const testing = profiles.test(saved.value.id);
    await vi.waitFor(() => expect(refusals.length).toBeGreaterThan(0), { timeout: 5_000 });
    // Refused by the ledger, the probe has not called Marketo (the token call is not rate limited).
    expect(sandbox.stats().byRoute['/rest/v1/stats/usage.json GET']).toBeUndefined();

    const report = await testing;
    expect(report).toMatchObject({ ok: true, value: { ok: true, failure: null } });
    const rows = ledgerRows(dataDir, sandbox.url);
    expect(rows).toHaveLength(4);
    // The probe's slot (the latest) began only once the others' had left the window.
    expect(rows[3]! - rows[2]!).toBeGreaterThanOrEqual(windowMs);
  });
});
