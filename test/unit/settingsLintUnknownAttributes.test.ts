import { describe, expect, it } from 'vitest';
import type { CatalogActivityType, MarketoCatalog } from '../../shared/profiles';
import { DestinationSettingsSchema } from '../../shared/settings';
import { lintSettings } from '../../shared/settingsLint';

const settings = DestinationSettingsSchema.parse({
  formatVersion: 1,
  leadFields: {},
  leadLookup: [{ field: 'email', from: ['traits.email'] }],
  activities: {
    'Webinar Registered': { activityTypeId: 7, primaryProperty: 'webinar', attributes: { seats: 'seats' } },
  },
});

const catalog = (type: Partial<CatalogActivityType>): MarketoCatalog => ({
  loadedAt: '2026-11-30T06:00:00.000Z',
  leadFields: [{ name: 'email', displayName: 'Email', dataType: 'email', updateable: true }],
  activityTypes: [
    {
      id: 7,
      apiName: 'w_c',
      name: 'Webinar',
      status: 'approved',
      primaryAttribute: null,
      attributes: [],
      ...type,
    },
  ],
});

describe('settings flags for attributes', () => {
  it('flags an attribute the type does not have', () => {
    expect(lintSettings(settings, catalog({}))).toEqual([
      expect.objectContaining({ severity: 'error', message: '"Webinar" has no attribute "seats"' }),
    ]);
  });

  it('flags nothing when the type’s attributes are unknown (its describe failed)', () => {
    expect(
      lintSettings(settings, catalog({ attributesProblem: 'Its attributes could not be loaded' })),
    ).toEqual([]);
  });
});
