// The Event Builder: the Tester's draft as a form beside the JSON editor.
export { BuilderPane } from './BuilderPane';
