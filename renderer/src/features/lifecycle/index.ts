// The lifecycle viewer's public surface: the panel, its stores and the outcome vocabulary.
export { LifecyclePanel } from './LifecyclePanel';
export {
  createLifecycleStore,
  useLifecycleStore,
  type LifecycleState,
  type LifecycleStore,
} from './lifecycleStore';
export { outcomeChip, type Tone } from './outcome';
