import { describe, expect, it } from 'vitest';
import { callCode } from '../../shared/segment/callCode';

describe('callCode: an event as the code that sends it', () => {
  const track = {
    type: 'track',
    event: 'Webinar Registered',
    userId: 'user-1001',
    messageId: 'm-1',
    timestamp: '2026-03-01T10:00:00Z',
    properties: { webinar: "Spring's Launch" },
    context: { library: { name: 'analytics.js', version: '2.11.1' }, page: { path: '/w' } },
    integrations: { 'Marketo V2': true },
  };

  it('writes analytics.js, analytics-node and curl forms of a track', () => {
    const code = callCode(track, { host: 'http://127.0.0.1:4317', writeKey: 'wk' });
    expect(code.analyticsJs).toBe(
      `analytics.track("Webinar Registered", {\n  "webinar": "Spring's Launch"\n}, {\n  "context": {\n    "page": {\n      "path": "/w"\n    }\n  },\n  "integrations": {\n    "Marketo V2": true\n  }\n});`,
    );
    const node = code.analyticsNode;
    expect(node.startsWith('analytics.track({')).toBe(true);
    const argument = JSON.parse(node.slice('analytics.track('.length, -2));
    expect(argument).toEqual({
      event: 'Webinar Registered',
      userId: 'user-1001',
      properties: { webinar: "Spring's Launch" },
      context: { page: { path: '/w' } },
      integrations: { 'Marketo V2': true },
    });
    expect(code.curl).toContain("curl http://127.0.0.1:4317/v1/track \\\n  -u 'wk:'");
    // The single quote in the payload survives shell quoting.
    expect(code.curl).toContain(`Spring'\\''s Launch`);
  });

  it('orders the arguments of the other calls as analytics.js takes them', () => {
    expect(callCode({ type: 'identify', userId: 'u1', traits: { email: 'a@b.c' } }).analyticsJs).toBe(
      'analytics.identify("u1", {\n  "email": "a@b.c"\n});',
    );
    expect(callCode({ type: 'page', name: 'Pricing', anonymousId: 'a' }).analyticsJs).toBe(
      'analytics.page(null, "Pricing", {});',
    );
    expect(callCode({ type: 'alias', userId: 'u2', previousId: 'a' }).analyticsJs).toBe(
      'analytics.alias("u2", "a");',
    );
    expect(callCode({ type: 'group', groupId: 'acme', userId: 'u' }).analyticsJs).toBe(
      'analytics.group("acme", {});',
    );
    expect(callCode('nope').curl).toBe('');
  });
});
