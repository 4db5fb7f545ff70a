import { useId, useState, type KeyboardEvent } from 'react';
import type { Interaction } from '../../../../shared/interaction';
import { CopyButton } from '../../ui/CopyButton';
import { JsonBlock, KeyValueTable } from '../../ui/JsonBlock';
import { PrettyRaw, type CodeTab } from '../../ui/PrettyRaw';
import { useLifecycle } from './lifecycleContext';
import { OwnRecordNote, useOwnRecordMark } from './OwnRecord';
import { curlWithNote, exchangeText, REDACTION_NOTE } from './exchangeExport';
import { selectInteractions, type LifecycleTab } from './lifecycleStore';
import {
  gaveUp,
  marketoErrorIn,
  prettyBody,
  queryParams,
  requestCurl,
  statusText,
  stepLabel,
  summarizeInteraction,
} from './outcome';

const KIND_LABELS = {
  transient: 'Transient, will retry',
  actionable: 'Yours to fix',
  fatal: 'Fatal',
} as const;

const TABS: { id: LifecycleTab; label: string }[] = [
  { id: 'request', label: 'Request to Marketo' },
  { id: 'response', label: 'Response from Marketo' },
];

const headerText = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

function RequestTab({ interaction }: { interaction: Interaction }) {
  const { request } = interaction;
  // Raw first, as before: the body is what most readers look for; Pretty is a click away.
  const [codeTab, setCodeTab] = useState<CodeTab>('raw');
  const headers = Object.entries(request.headers);
  const query = queryParams(request.url);
  const body = prettyBody(request.body);
  const ownRecord = useOwnRecordMark(interaction, 'request', body);
  return (
    <div className="tab-body" data-testid="request-panel">
      <p className="request-line">
        <span className={`method m-${request.method.toLowerCase()}`} data-testid="request-method">
          {request.method}
        </span>
        <code className="url" data-testid="request-url">
          {request.url}
        </code>
      </p>
      <OwnRecordNote interaction={interaction} side="request" text={body} />
      {query.length > 0 && <KeyValueTable title="Query" rows={query} />}
      <PrettyRaw
        raw={body}
        rawMark={ownRecord}
        pretty={[{ title: 'curl', text: requestCurl(request) }]}
        tab={codeTab}
        onTab={setCodeTab}
        testId="request-body"
        rawTitle="Body"
      />
      <KeyValueTable title="Headers" rows={headers} copyText={headerText(request.headers)} />
    </div>
  );
}

function ResponseTab({ interaction, givenUp }: { interaction: Interaction; givenUp: boolean }) {
  const { response, error } = interaction;
  const body = response ? prettyBody(response.body) : null;
  const ownResult = useOwnRecordMark(interaction, 'response', body);
  if (!response) {
    return (
      <div className="tab-body" data-testid="response-panel">
        <div className="no-response">
          <strong>No response</strong>
          <p>{error ? `${error.code}: ${error.message}` : 'The request did not complete.'}</p>
        </div>
      </div>
    );
  }
  const summary = summarizeInteraction(interaction, { gaveUp: givenUp });
  const marketo = marketoErrorIn(interaction);
  return (
    <div className="tab-body" data-testid="response-panel">
      <p className="request-line">
        <span className={`status-badge tone-${summary.tone}`} data-testid="response-status">
          {marketo ? `Marketo ${marketo}` : response.status}
        </span>
        <span className="status-text">
          {marketo
            ? `error inside HTTP ${response.status} ${statusText(response.status)}`
            : statusText(response.status)}
        </span>
        {response.headers['content-type'] && (
          <span className="muted small mono">{response.headers['content-type']}</span>
        )}
      </p>
      <OwnRecordNote interaction={interaction} side="response" text={body} />
      <JsonBlock title="Body" text={body} mark={ownResult} />
      <KeyValueTable
        title="Headers"
        rows={Object.entries(response.headers)}
        copyText={headerText(response.headers)}
      />
    </div>
  );
}

export function InteractionDetails({
  interaction,
  position,
}: {
  interaction: Interaction;
  position: number;
}) {
  const tab = useLifecycle((s) => s.tab);
  const setTab = useLifecycle((s) => s.setTab);
  // Two viewers can be mounted at once (Tester and History), so tab ids are per instance.
  const ids = useId();
  const items = useLifecycle(selectInteractions);
  const finished = useLifecycle((s) => s.phase === 'done');
  const givenUp = gaveUp(items, position - 1, finished);
  const summary = summarizeInteraction(interaction, { gaveUp: givenUp });
  const { classification, error } = interaction;

  // The tablist's own keys (APG tabs pattern): Left/Right/Home/End switch tabs and move focus, and
  // stop here so the panel around does not page to another request.
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const at = TABS.findIndex((t) => t.id === tab);
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + TABS.length) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    const target = to === null ? undefined : TABS[to];
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();
    setTab(target.id);
    document.getElementById(`${ids}-tab-${target.id}`)?.focus();
  };

  return (
    <div className="interaction" data-testid="interaction">
      <div className="interaction-head">
        <div>
          <span className="eyebrow">Request {position}</span>
          <h3 className="step-name" data-testid="step-name">
            {stepLabel(interaction.step)}
          </h3>
        </div>
        <div className="chips">
          <span className="chip" data-testid="attempt">
            Attempt {interaction.attempt}
          </span>
          <span className="chip">{Math.round(interaction.durationMs)} ms</span>
          {/* A batched call carried other events' records too: say which one was this event's. */}
          {interaction.batch && (
            <span className="chip tone-info" data-testid="batch-mark">
              record {interaction.batch.index + 1} of {interaction.batch.records} in this batch
            </span>
          )}
          <span className={`chip tone-${summary.tone}`} data-testid="interaction-status">
            <span className="visually-hidden">Status </span>
            {summary.status}
          </span>
        </div>
      </div>
      {classification && (
        <div
          className={`classification kind-${givenUp ? 'fatal' : classification.kind}`}
          data-testid="classification"
        >
          <strong>{givenUp ? 'Transient, gave up' : KIND_LABELS[classification.kind]}</strong>
          <span className="chip mono">{classification.code}</span>
          <span className="classification-hint">{classification.hint}</span>
        </div>
      )}
      {!classification && error && (
        <div className="classification kind-fatal">
          <strong>{error.code}</strong>
          <span className="classification-hint">{error.message}</span>
        </div>
      )}
      <div className="exchange-tools">
        <CopyButton text={curlWithNote(interaction)} label="as cURL" caption="Copy as cURL" />
        <CopyButton text={exchangeText(interaction)} label="exchange" caption="Copy exchange" />
        <span className="muted small">{REDACTION_NOTE}</span>
      </div>
      <div className="tabs" role="tablist" aria-label="Exchange" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${ids}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${ids}-tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`tab ${tab === t.id ? 'active' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Both panels exist so each tab's aria-controls resolves; only the shown one renders its body. */}
      {TABS.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${ids}-tabpanel-${t.id}`}
          aria-labelledby={`${ids}-tab-${t.id}`}
          className="tabpanel"
          hidden={tab !== t.id}
        >
          {tab === t.id &&
            (t.id === 'request' ? (
              <RequestTab interaction={interaction} />
            ) : (
              <ResponseTab interaction={interaction} givenUp={givenUp} />
            ))}
        </div>
      ))}
    </div>
  );
}
