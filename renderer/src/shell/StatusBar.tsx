import { Fragment } from 'react';
import { useEditorFocus } from '../features/editor';
import { modKey } from '../ui/platform';
import { statusHints } from './statusHints';
import { useViewStore } from './viewStore';
import { VIEWS } from './views';

/**
 * A thin strip of keyboard hints under the views. Deliberately not a live region: it changes with
 * focus, and reading it out on every focus change would drown what the user is doing.
 */
export function StatusBar() {
  const view = useViewStore((s) => s.active);
  const editorFocused = useEditorFocus((s) => s.focused);
  const exitArmed = useEditorFocus((s) => s.exitArmed);
  const hints = statusHints({ view, viewCount: VIEWS.length, editorFocused, exitArmed, modKey });
  return (
    <footer className="status-bar" aria-label="Keyboard hints" data-testid="status-bar">
      <ul className="status-hints">
        {hints.map((hint) => (
          <li key={hint.text} className="status-hint">
            {hint.keys.map((key, k) => (
              <Fragment key={key}>
                {k > 0 && hint.joiner}
                <kbd>{key}</kbd>
              </Fragment>
            ))}{' '}
            {hint.text}
          </li>
        ))}
      </ul>
    </footer>
  );
}
