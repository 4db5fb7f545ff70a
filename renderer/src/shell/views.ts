import type { ComponentType } from 'react';
import { DebuggerView } from '../features/debugger';
import { DeliveryView } from '../features/delivery';
import { HistoryView } from '../features/history';
import { ProfilesView } from '../features/profiles';
import { SchemaView } from '../features/schema';
import { SuitesView } from '../features/suites';
import { TesterView } from '../features/tester';
import type { IconName } from '../ui/Icon';

export interface ViewProps {
  /** False while another view is shown: the view stays mounted (Monaco keeps its undo history). */
  active: boolean;
}

export interface ViewSpec {
  id: string;
  label: string;
  icon: IconName;
  component: ComponentType<ViewProps>;
}

/**
 * The navigation rail's views, in order; the n-th is also Ctrl/Cmd+n. A new view (Suites, Delivery,
 * Debugger, Schema, Profiles) is one entry here, once its feature exists.
 */
export const VIEWS = [
  { id: 'tester', label: 'Tester', icon: 'beaker', component: TesterView },
  { id: 'history', label: 'History', icon: 'history', component: HistoryView },
  { id: 'debugger', label: 'Debugger', icon: 'inbox', component: DebuggerView },
  { id: 'schema', label: 'Schema', icon: 'format', component: SchemaView },
  { id: 'profiles', label: 'Profiles', icon: 'key', component: ProfilesView },
  { id: 'delivery', label: 'Delivery', icon: 'chart', component: DeliveryView },
  { id: 'suites', label: 'Suites', icon: 'check', component: SuitesView },
] as const satisfies readonly ViewSpec[];

export type ViewId = (typeof VIEWS)[number]['id'];

export function findView(id: string): (typeof VIEWS)[number] | undefined {
  return VIEWS.find((v) => v.id === id);
}

/** The view for a shortcut digit (1-based), if there is one. */
export function viewForDigit(digit: number): (typeof VIEWS)[number] | undefined {
  return Number.isInteger(digit) && digit >= 1 ? VIEWS[digit - 1] : undefined;
}
