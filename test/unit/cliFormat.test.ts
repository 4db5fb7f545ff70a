import { describe, expect, it } from 'vitest';
import { formatResult } from '../../electron/cli/format';
import type { DeliveryResult } from '../../shared/interaction';

const dryRun = (plan: DeliveryResult['plan']): DeliveryResult => ({
  id: 'd-1',
  startedAt: '2026-03-01T10:00:00.000Z',
  finishedAt: '2026-03-01T10:00:00.010Z',
  source: 'cli',
  targetId: 'sandbox',
  outcome: 'planned',
  reason:
    'Dry run: 1 call planned, nothing sent; 2 skipped because the access token and the lead are cached.',
  dryRun: true,
  plan,
  interactions: [],
  warnings: [],
});

describe('formatResult (send --dry-run)', () => {
  it('numbers only the calls to make and shows the skipped ones in place, with why', () => {
    const text = formatResult(
      dryRun([
        {
          step: 'token',
          method: 'GET',
          path: '/identity/oauth/token?grant_type=client_credentials',
          note: 'Get an access token.',
          skipped: 'Skipped: a cached access token is valid for another 52 min.',
        },
        {
          step: 'lead-lookup',
          method: 'GET',
          path: '/rest/v1/leads.json?filterType=email&filterValues=a%40b.com',
          note: 'Find the lead.',
          skipped: 'Skipped: lead 12 for email a@b.com was looked up 3 min ago (cached).',
        },
        {
          step: 'activity-post',
          method: 'POST',
          path: '/rest/v1/activities/external.json',
          note: 'Post the custom activity for lead 12.',
          body: { input: [{ leadId: 12 }] },
        },
      ]),
      'embedded sandbox',
    );
    const lines = text.split('\n');
    const plan = lines.slice(lines.indexOf('Plan (1 call, nothing sent; 2 skipped):'));
    expect(plan).toEqual([
      'Plan (1 call, nothing sent; 2 skipped):',
      '  skip token         GET  /identity/oauth/token?grant_type=client_credentials',
      '        Skipped: a cached access token is valid for another 52 min.',
      '  skip lead-lookup   GET  /rest/v1/leads.json?filterType=email&filterValues=a%40b.com',
      '        Skipped: lead 12 for email a@b.com was looked up 3 min ago (cached).',
      '  1/1 activity-post POST /rest/v1/activities/external.json',
      '        Post the custom activity for lead 12.',
      '        body: {"input":[{"leadId":12}]}',
    ]);
  });

  it('keeps the plain heading when nothing is skipped', () => {
    const text = formatResult(
      dryRun([{ step: 'token', method: 'GET', path: '/identity/oauth/token', note: 'Get a token.' }]),
      'embedded sandbox',
    );
    expect(text).toContain('Plan (1 call, nothing sent):');
    expect(text).toContain('  1/1 token         GET  /identity/oauth/token');
    expect(text.slice(text.indexOf('Plan ('))).not.toMatch(/skip/);
  });
});
