/**
 * The settings document analytics.js fetches from its `cdnURL` when it loads
 * (`/v1/projects/{writeKey}/settings`). Pointing both `cdnURL` and `apiHost` at the collector lets
 * a page load the library with no Segment account: only the Segment.io destination is enabled, it
 * posts back to us, and metrics sampling is off so nothing is sent to api.segment.io.
 */
export function settingsDocument(writeKey: string, collectorHost: string): Record<string, unknown> {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: `${collectorHost}/v1`,
        protocol: 'http',
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
        versionSettings: { version: '4.4.7', componentTypes: ['browser'] },
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}
