import { useState } from 'react';
import { callCode } from '../../../shared/segment/callCode';
import { CopyButton } from './CopyButton';
import { JsonBlock, type LineMark } from './JsonBlock';
import './PrettyRaw.css';

export type CodeTab = 'pretty' | 'raw';

export interface CodeText {
  title: string;
  text: string;
}

function CodeBlock({ title, text }: CodeText) {
  return (
    <div className="json-block">
      <div className="json-head">
        <h4>{title}</h4>
        <CopyButton text={text} label={title} />
      </div>
      <pre className="json code-block" tabIndex={0} role="group" aria-label={title}>
        <code>{text}</code>
      </pre>
    </div>
  );
}

/**
 * Pretty (the same call as code, each block with Copy) or Raw (the JSON). Shared by the draft, the
 * lifecycle's request bodies and the Debugger; the tab is the caller's when it passes one.
 */
export function PrettyRaw({
  raw,
  pretty,
  tab,
  onTab,
  testId,
  rawTitle = 'Raw',
  rawMark = null,
}: {
  rawTitle?: string;
  raw: string | null;
  /** Lines of the raw text to set apart (JsonBlock's mark). */
  rawMark?: LineMark | null;
  pretty: CodeText[];
  tab?: CodeTab;
  onTab?(tab: CodeTab): void;
  testId?: string;
}) {
  const [own, setOwn] = useState<CodeTab>('pretty');
  const shown = tab ?? own;
  return (
    <div className="pretty-raw" data-testid={testId}>
      <div className="segmented" role="tablist" aria-label="Pretty or raw">
        {(['pretty', 'raw'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={shown === t}
            className={`seg-button ${shown === t ? 'active' : ''}`}
            onClick={() => (onTab ? onTab(t) : setOwn(t))}
          >
            {t === 'pretty' ? 'Pretty' : 'Raw'}
          </button>
        ))}
      </div>
      {shown === 'pretty' ? (
        <div className="pretty-blocks" data-testid={testId ? `${testId}-pretty` : undefined}>
          {pretty.map((block) => (
            <CodeBlock key={block.title} title={block.title} text={block.text} />
          ))}
        </div>
      ) : (
        <JsonBlock title={rawTitle} text={raw} mark={rawMark} />
      )}
    </div>
  );
}

/** A Segment event as analytics.js, analytics-node and curl (shared/segment/callCode.ts). */
export function eventCode(event: unknown, options: { host?: string; writeKey?: string } = {}): CodeText[] {
  const code = callCode(event, options);
  return [
    { title: 'analytics.js', text: code.analyticsJs },
    { title: 'analytics-node', text: code.analyticsNode },
    ...(code.curl ? [{ title: 'HTTP API (curl)', text: code.curl }] : []),
  ];
}
