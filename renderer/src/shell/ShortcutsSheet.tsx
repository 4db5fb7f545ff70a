import { useEffect, useRef } from 'react';
import { PAGING_KEY_LABELS } from '../ui/pagingKeys';
import { modKey } from '../ui/platform';
import { useShortcutsSheet } from './shortcutsSheet';
import { VIEWS } from './views';

const ROWS: [string, string][] = [
  [`${modKey}+Enter`, 'Send the draft'],
  [`${modKey}+Shift+Enter`, 'Dry run: plan the calls, send nothing'],
  ['Shift+Alt+F', 'Format the draft'],
  [
    `${PAGING_KEY_LABELS.prev} / ${PAGING_KEY_LABELS.next}`,
    'Previous / next request, from anywhere (Tester, History)',
  ],
  ['← →', 'Previous / next request, with the lifecycle focused'],
  ['← → on a tab', 'Request / Response'],
  ['[ ]', 'Collapse / expand all of a focused JSON body (1–3: open that many levels)'],
  ['Esc, then Tab', 'Leave the editor (Tab inside it indents)'],
  ['Esc', 'Cancel a send in flight, with the lifecycle focused'],
  ['?', 'This list'],
];

/** The keyboard shortcuts, on `?` (outside text fields); a modal dialog, so Esc closes it. */
export function ShortcutsSheet() {
  const open = useShortcutsSheet((s) => s.open);
  const close = useShortcutsSheet((s) => s.close);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    else if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts-sheet" aria-labelledby="shortcuts-title" onClose={close}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {[...ROWS, ...VIEWS.map((v, i): [string, string] => [`${modKey}+${i + 1}`, `Show ${v.label}`])].map(
            ([keys, what]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="secondary-button" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
