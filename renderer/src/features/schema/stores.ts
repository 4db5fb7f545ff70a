import { tester } from '../../api/tester';
import { useProfilesStore } from '../profiles';
import { createSchemaStore } from './schemaStore';

export const useSchemaStore = createSchemaStore({
  schema: (query) => tester.schemaReport(query),
  properties: (query) => tester.propertyReport(query),
  // The active profile's mapping says which properties are required.
  targetId: () => useProfilesStore.getState().activeId,
  now: () => Date.now(),
  utcOffsetMinutes: () => -new Date().getTimezoneOffset(),
});
