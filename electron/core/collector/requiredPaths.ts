import type { DestinationSettings } from '../../../shared/settings';

/**
 * The property (or trait) paths a profile's settings need on an event, relative to its bag: for a
 * mapped track, the primary property and the mapped attributes; for a page, the page mapping's; for
 * an identify, the traits mapped to lead fields. The Schema view flags these when they are missing
 * from some events. Event names are user data: looked up with hasOwn, never by indexing.
 */
export function requiredPaths(settings: DestinationSettings, type: string, name: string | null): string[] {
  if (type === 'track') {
    if (name === null || !Object.hasOwn(settings.activities, name)) return [];
    const mapping = settings.activities[name]!;
    return unique([mapping.primaryProperty, ...Object.keys(mapping.attributes)]);
  }
  if (type === 'page') {
    return settings.page
      ? unique([settings.page.primaryProperty, ...Object.keys(settings.page.attributes)])
      : [];
  }
  if (type === 'identify') return unique(Object.keys(settings.leadFields));
  return [];
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}
