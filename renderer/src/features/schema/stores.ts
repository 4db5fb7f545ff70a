import { tester } from '../../api/tester';
import { useTargetsStore } from '../send';
import { createSchemaStore } from './schemaStore';

export const useSchemaStore = createSchemaStore({
  schema: (query) => tester.schemaReport(query),
  properties: (query) => tester.propertyReport(query),
  targetId: () => useTargetsStore.getState().selectedId,
  now: () => Date.now(),
  utcOffsetMinutes: () => -new Date().getTimezoneOffset(),
});
