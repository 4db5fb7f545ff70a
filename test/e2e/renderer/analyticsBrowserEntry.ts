// The local test page's script: Segment's analytics.js (@segment/analytics-next from npm, bundled by
// esbuild in analyticsPage.ts; no CDN), loaded with cdnURL and apiHost both on the collector, so
// the settings document and every call come from and go to it. The spec drives it through
// `window.sendAnalyticsCalls`.
import { AnalyticsBrowser } from '@segment/analytics-next';

declare global {
  interface Window {
    sendAnalyticsCalls?: () => Promise<string[]>;
  }
}

const params = new URLSearchParams(location.search);
/** `127.0.0.1:PORT`, as a developer would write apiHost (without a scheme). */
const collector = params.get('collector') ?? '';
const writeKey = params.get('writeKey') ?? 'wk_browser';
// Batching (analytics.js's `deliveryStrategy`) posts to `/b` instead of one request per call.
const batching = params.get('batching') === '1';

const analytics = AnalyticsBrowser.load(
  { writeKey, cdnURL: `http://${collector}` },
  {
    // No localStorage queue between tests: each page load starts clean.
    disableClientPersistence: true,
    integrations: {
      'Segment.io': {
        apiHost: `${collector}/v1`,
        protocol: 'http',
        ...(batching
          ? { deliveryStrategy: { strategy: 'batching', config: { size: 6, timeout: 300 } } }
          : {}),
      },
    },
  },
);

/** All six call types; resolves with the types analytics.js reports as dispatched. */
window.sendAnalyticsCalls = async () => {
  const sent = await Promise.all([
    analytics.identify('user-2002', { email: 'grace@example.com', plan: 'pro' }),
    analytics.track('Demo Requested', { product: 'Event Tester', seats: 3 }),
    analytics.page('Docs', 'Install', { url: 'http://localhost/docs/install' }),
    analytics.screen('Docs', 'Home'),
    analytics.group('acme', { name: 'Acme Inc.' }),
    analytics.alias('user-2002', 'anon-browser-1'),
  ]);
  return sent.map((ctx) => ctx.event.type);
};
