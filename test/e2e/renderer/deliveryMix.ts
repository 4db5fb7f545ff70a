import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSend } from '../../../electron/cli/commands/send';
import type { Harness } from '../harness';

/**
 * A mix of deliveries to the harness's sandbox, faults on: through the app's handlers (delivered,
 * unmapped, 606 then delivered) and through the CLI's send into the same data folder, with settings
 * that map an attribute Marketo does not have (1006) and a timeout short enough to hit (TIMEOUT).
 */

export const track = (event: string, properties: Record<string, unknown> = { webinar: 'Spring Launch' }) => ({
  type: 'track',
  event,
  userId: 'user-1001',
  properties,
  context: { traits: { email: 'ada@example.com' } },
});

let sendCounter = 0;
export async function appSend(harness: Harness, event: unknown): Promise<string> {
  sendCounter += 1;
  const result = await harness.core.handlers['event:send']({
    event,
    targetId: 'sandbox',
    dryRun: false,
    sendId: `mix-${sendCounter}`,
  });
  return result.outcome;
}

/** `event-tester send` in this process (the sandbox answers from here too), recording into the harness's store. */
export async function cliSend(harness: Harness, event: unknown, settings: unknown): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'et-mix-'));
  try {
    writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
    const out: string[] = [];
    const args = [join(dir, 'event.json'), '--json', '--endpoint', harness.core.sandbox.url];
    await runSend(
      [...args, '--settings', join(dir, 'settings.json'), '--data-dir', harness.userDataDir],
      { out: (text) => out.push(text), err: () => {}, interrupted: () => new Promise(() => {}) },
      {
        MARKETO_CLIENT_ID: harness.core.sandbox.credentials.clientId,
        MARKETO_CLIENT_SECRET: harness.core.sandbox.credentials.clientSecret,
      },
    );
    return (JSON.parse(out.join('')) as { outcome: string; code?: string }).code ?? 'none';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CLI_SETTINGS = {
  formatVersion: 1,
  activities: {
    'Webinar Registered': {
      activityTypeId: 100101,
      primaryProperty: 'webinar',
      attributes: { seats: 'seats', channel: 'channelName' },
    },
  },
  timeoutMs: 300,
  retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
};

/** Delivered 2 (one after a 606), unmapped `unmapped` times, 1006 once, TIMEOUT once. */
export async function deliverMix(harness: Harness, unmapped: number): Promise<void> {
  const outcomes = [await appSend(harness, track('Webinar Registered'))];
  for (let i = 0; i < unmapped; i++) outcomes.push(await appSend(harness, track('Newsletter Opened')));
  harness.core.sandbox.faults.add({ kind: '606', scope: 'activities', count: 1 });
  outcomes.push(await appSend(harness, track('Webinar Registered')));
  const codes = [
    await cliSend(harness, track('Webinar Registered', { webinar: 'W', channel: 'email' }), CLI_SETTINGS),
  ];
  harness.core.sandbox.faults.add({ kind: 'delay', scope: 'activities', count: 2, delayMs: 800 });
  codes.push(await cliSend(harness, track('Webinar Registered', { webinar: 'W' }), CLI_SETTINGS));
  harness.core.sandbox.faults.clear();
  // The timed-out post may be confirmed by reading Marketo back (then delivered, TIMEOUT recovered).
  if (codes[0] !== '1006' || !['TIMEOUT', 'none'].includes(codes[1]!))
    throw new Error(`the CLI sends ended with ${codes.join(', ')}`);
  if (outcomes.filter((o) => o === 'delivered').length !== 2)
    throw new Error(`app sends: ${outcomes.join(', ')}`);
}
