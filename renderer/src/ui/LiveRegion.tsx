import { useAnnouncer } from './announcer';

/** Rendered once by the shell. The key remounts the text so a repeated message is read again. */
export function LiveRegion() {
  const message = useAnnouncer((s) => s.message);
  const serial = useAnnouncer((s) => s.serial);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      <span key={serial}>{message}</span>
    </div>
  );
}
