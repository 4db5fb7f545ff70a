import { describe, expect, it } from 'vitest';
import { eventTemplates, type TemplateName } from '../../shared/segment/templates';
import { checkEventText } from '../../shared/segment/validate';

const names = Object.keys(eventTemplates) as TemplateName[];
const fixed = { now: () => new Date('2026-02-03T04:05:06.789Z'), uuid: () => 'fixed-uuid' };

describe('eventTemplates', () => {
  it('offers track, identify and page', () => {
    expect(names.sort()).toEqual(['identify', 'page', 'track']);
  });

  it.each(names)('%s is pretty JSON that validates with no warnings', (name) => {
    const text = eventTemplates[name]();
    expect(text).toContain('\n  "type": ');
    const check = checkEventText(text);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.events).toHaveLength(1);
    expect(check.events[0]).toMatchObject({
      type: name,
      userId: 'user-1001',
      context: { library: { name: 'event-tester', version: expect.any(String) } },
    });
  });

  it.each(names)('%s uses the clock and id generator it is given, and is fresh otherwise', (name) => {
    const event = JSON.parse(eventTemplates[name]({ ...fixed, libraryVersion: '9.9.9' }));
    expect(event).toMatchObject({
      messageId: 'fixed-uuid',
      timestamp: '2026-02-03T04:05:06.789Z',
      context: { library: { version: '9.9.9' } },
    });
    const first = JSON.parse(eventTemplates[name]());
    const second = JSON.parse(eventTemplates[name]());
    expect(first.messageId).not.toBe(second.messageId);
    expect(first.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('track carries what the sandbox default settings map', () => {
    expect(JSON.parse(eventTemplates.track(fixed))).toMatchObject({
      event: 'Webinar Registered',
      properties: { webinar: 'Marketo Masterclass', seats: 2, channel: 'email' },
      context: { traits: { email: 'ada@example.com' } },
    });
  });

  it('identify carries the lead fields; page an absolute url and a user agent', () => {
    expect(JSON.parse(eventTemplates.identify(fixed)).traits).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    const page = JSON.parse(eventTemplates.page(fixed));
    expect(page.name).toEqual(expect.any(String));
    expect(page.properties).toMatchObject({
      url: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
    });
    expect(page.context.userAgent).toMatch(/^Mozilla\/5\.0/);
  });
});
