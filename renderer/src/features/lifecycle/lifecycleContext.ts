import { createContext, useContext } from 'react';
import { useLifecycleStore, type LifecycleState, type LifecycleStore } from './lifecycleStore';

/** Which viewer's store the panel's parts read: the Tester's unless a panel is given another. */
export const LifecycleContext = createContext<LifecycleStore>(useLifecycleStore);

export function useLifecycle<T>(selector: (state: LifecycleState) => T): T {
  const store = useContext(LifecycleContext);
  return store(selector);
}
