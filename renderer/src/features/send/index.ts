// Sending: the Tester's top bar (target, Dry run, Send) and the targets it can send to.
export { TopBar } from './TopBar';
export { selectTarget, useTargetsStore, type TargetsState } from './targetsStore';
