// Sending: the Tester's top bar (target, Dry run, Send) and the targets it can send to.
export { TopBar } from './TopBar';
