// The Tester view (editor, send bar, live lifecycle), as the shell's view registry mounts it.
export { TesterView } from './TesterView';
