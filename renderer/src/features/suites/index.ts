// Saved test suites in the app: the Suites view, the Tester's suite buttons, and what commands.ts
// asks of the open suite (edit a case in the Tester, take the draft back, save the draft to it).
export { SuitesView } from './SuitesView';
export { SuiteDraftActions } from './SuiteDraftActions';
export { applyEdit, createSuite, setEditing, useSuitesStore } from './suiteStore';
export { addCase, caseNameFor, isEventObject, replaceCaseEvent } from './suiteEdit';
