// The Source Debugger: events the local collector receives, live, with filters, Pretty and Raw.
export { DebuggerView } from './DebuggerView';
export { useDebuggerStore } from './stores';
