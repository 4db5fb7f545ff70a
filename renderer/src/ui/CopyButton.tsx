import { useEffect, useState } from 'react';
import { Icon } from './Icon';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text`; reads as "Copy <label>", shows `caption` ("Copy" unless a caption tells copies apart). */
export function CopyButton({
  text,
  label,
  caption = 'Copy',
}: {
  text: string;
  label: string;
  caption?: string;
}) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    if (!navigator.clipboard) {
      setState('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <span className="copy">
      <button type="button" className="icon-button small" onClick={copy} aria-label={`Copy ${label}`}>
        <Icon name={state === 'copied' ? 'check' : 'copy'} /> {state === 'copied' ? 'Copied' : caption}
      </button>
      {state === 'failed' && (
        <span className="copy-fallback" role="status">
          Copy is blocked here: select the text and press Ctrl+C.
        </span>
      )}
    </span>
  );
}
