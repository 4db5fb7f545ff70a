/** A track the sandbox's default settings map ("Webinar Registered" -> activity 100101), for lead 1001. */
export const webinarTrack = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'track',
  event: 'Webinar Registered',
  userId: 'user-1001',
  properties: { webinar: 'Spring Launch', seats: 2, channel: 'email' },
  context: { traits: { email: 'ada@example.com' } },
  timestamp: '2026-02-01T09:00:00Z',
  ...extra,
});
