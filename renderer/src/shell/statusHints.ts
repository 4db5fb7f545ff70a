import { PAGING_KEY_LABELS } from '../ui/pagingKeys';

/** One hint: its keys (shown as key caps, joined by `joiner`) and what they do. */
export interface StatusHint {
  keys: string[];
  joiner?: string;
  text: string;
}

export interface StatusContext {
  /** The shown view's id. */
  view: string;
  /** How many views the rail has (Ctrl/Cmd+1 to +n). */
  viewCount: number;
  editorFocused: boolean;
  /** A bare Escape in the editor: the next Tab leaves it. */
  exitArmed: boolean;
  /** Ctrl, or ⌘ on a Mac. */
  modKey: string;
}

const PAGING: StatusHint = {
  keys: [PAGING_KEY_LABELS.prev, PAGING_KEY_LABELS.next],
  joiner: ' / ',
  text: 'previous / next request',
};
const ALL_SHORTCUTS: StatusHint = { keys: ['?'], text: 'all shortcuts' };

/**
 * What the status bar says: how to leave the editor and send while it has the caret, otherwise the
 * shown view's few keys and where the rest are listed. Most important first: a narrow window cuts the end.
 */
export function statusHints({
  view,
  viewCount,
  editorFocused,
  exitArmed,
  modKey,
}: StatusContext): StatusHint[] {
  const send: StatusHint[] = [
    { keys: [`${modKey}+Enter`], text: 'send' },
    { keys: [`${modKey}+Shift+Enter`], text: 'dry run' },
  ];
  if (view === 'tester' && editorFocused) {
    const leave: StatusHint = exitArmed
      ? { keys: ['Tab', 'Shift+Tab'], joiner: ' or ', text: 'now leaves the editor' }
      : { keys: ['Esc', 'Tab'], joiner: ' then ', text: 'to leave the editor' };
    return [leave, ...send, PAGING];
  }
  if (view === 'tester') return [PAGING, ...send, ALL_SHORTCUTS];
  if (view === 'history') return [PAGING, ALL_SHORTCUTS];
  return [
    { keys: [`${modKey}+1`, `${modKey}+${viewCount}`], joiner: '…', text: 'switch views' },
    ALL_SHORTCUTS,
  ];
}
