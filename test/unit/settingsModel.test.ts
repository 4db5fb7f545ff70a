import { describe, expect, it } from 'vitest';
import { moveLookupRule, settingsToJson } from '../../renderer/src/features/profiles/settingsModel';
import { DestinationSettingsSchema } from '../../shared/settings';

const settings = DestinationSettingsSchema.parse({
  formatVersion: 1,
  leadLookup: [
    { field: 'email', from: ['traits.email'] },
    { field: 'userId', from: ['userId'] },
    { field: 'anonymousId', from: ['anonymousId'] },
  ],
});
const order = (s: typeof settings) => s.leadLookup.map((rule) => rule.field);

describe('moveLookupRule', () => {
  it('moves a rule one place up or down, keeping each rule whole', () => {
    expect(order(moveLookupRule(settings, 2, -1))).toEqual(['email', 'anonymousId', 'userId']);
    expect(order(moveLookupRule(settings, 0, 1))).toEqual(['userId', 'email', 'anonymousId']);
    expect(moveLookupRule(settings, 0, 1).leadLookup[1]).toEqual({ field: 'email', from: ['traits.email'] });
  });

  it('leaves the settings as they are at the ends and for an index outside the list', () => {
    expect(moveLookupRule(settings, 0, -1)).toBe(settings);
    expect(moveLookupRule(settings, 2, 1)).toBe(settings);
    expect(moveLookupRule(settings, 5, -1)).toBe(settings);
    expect(moveLookupRule(settings, -1, 1)).toBe(settings);
  });

  it('never mutates, and the JSON the tab shows follows the new order', () => {
    const before = settingsToJson(settings);
    const moved = moveLookupRule(settings, 1, -1);
    expect(settingsToJson(settings)).toBe(before);
    const json = settingsToJson(moved);
    expect(json.indexOf('"userId"')).toBeLessThan(json.indexOf('"email"'));
    // The other keys keep their place, so the file diff is the move alone.
    expect(Object.keys(moved)).toEqual(Object.keys(settings));
  });
});
