import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The safe choice: it has the focus, so Enter alone never does the risky thing; Esc picks it too. */
  cancelLabel: string;
  confirmLabel: string;
  onCancel(): void;
  onConfirm(): void;
  testId?: string;
}

/**
 * A question before something the user may regret, as a native modal `<dialog>` (showModal):
 * focus stays inside, Esc cancels, and on close the focus goes back to what opened it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, cancelLabel, confirmLabel, onCancel, onConfirm, testId } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
      cancel.current?.focus();
    } else if (!open && el.open) {
      el.close();
    }
  }, [open]);
  const restoreFocus = () => {
    opener.current?.focus();
    opener.current = null;
  };
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        // Esc: close through state, so the dialog and the store never disagree.
        e.preventDefault();
        onCancel();
      }}
      onClose={() => {
        // Closed by the browser itself (a repeated Esc cannot always be refused): that is a cancel too.
        if (open) onCancel();
        restoreFocus();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="confirm-dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="secondary-button" ref={cancel} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className="primary-button" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
