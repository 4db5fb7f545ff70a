import { memo } from 'react';
import { CopyButton } from './CopyButton';
import { highlightJson } from './jsonHighlight';
import './JsonBlock.css';

export const JsonBlock = memo(function JsonBlock({ title, text }: { title: string; text: string | null }) {
  return (
    <div className="json-block">
      <div className="json-head">
        <h4>{title}</h4>
        {text !== null && <CopyButton text={text} label={title.toLowerCase()} />}
      </div>
      {text === null ? (
        <p className="muted small">No body</p>
      ) : (
        // A labelled group: a bare <pre> may not carry aria-label, and it is a tab stop so keyboards can scroll it.
        <pre className="json" tabIndex={0} role="group" aria-label={title}>
          <code>
            {highlightJson(text).map((t, i) =>
              t.kind === 'plain' ? (
                t.text
              ) : (
                <span key={i} className={`j-${t.kind}`}>
                  {t.text}
                </span>
              ),
            )}
          </code>
        </pre>
      )}
    </div>
  );
});

export function KeyValueTable({
  title,
  rows,
  copyText,
}: {
  title: string;
  rows: [string, string][];
  copyText?: string;
}) {
  return (
    <div className="kv-block">
      <div className="json-head">
        <h4>{title}</h4>
        {copyText !== undefined && rows.length > 0 && (
          <CopyButton text={copyText} label={title.toLowerCase()} />
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted small">None</p>
      ) : (
        <table className="kv">
          <tbody>
            {rows.map(([k, v], i) => (
              <tr key={`${k}-${i}`}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
