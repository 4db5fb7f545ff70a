// The Schema view: every event received in a period, counted, and each event's property presence.
export { SchemaView } from './SchemaView';
export { useSchemaStore } from './stores';
