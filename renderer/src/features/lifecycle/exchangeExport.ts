import type { Interaction } from '../../../../shared/interaction';
import { prettyBody, queryParams, requestCurl, statusText, stepLabel } from './outcome';

/**
 * The lifecycle's copy and export formats. Every record was redacted when it was made (tokens, client
 * secrets), so these only say so; they never see a secret to remove.
 */
export const REDACTION_NOTE =
  'Secrets (client secret, access token) are shown as [REDACTED]: put your own in before running this.';

/** The request as a curl command, with a comment line saying what was redacted. */
export function curlWithNote(interaction: Interaction): string {
  return `# ${REDACTION_NOTE}\n${requestCurl(interaction.request)}`;
}

const headerLines = (headers: Record<string, string>) =>
  Object.entries(headers).map(([k, v]) => `${k}: ${v}`);

/** The whole exchange as plain text, the way an HTTP client would print it. */
export function exchangeText(interaction: Interaction): string {
  const { request, response, error } = interaction;
  const parts = [
    `# ${stepLabel(interaction.step)}, attempt ${interaction.attempt}, ${interaction.startedAt}, ${Math.round(interaction.durationMs)} ms`,
    `# ${REDACTION_NOTE}`,
    `${request.method} ${request.url}`,
    ...headerLines(request.headers),
  ];
  const requestBody = prettyBody(request.body);
  if (requestBody !== null) parts.push('', requestBody);
  parts.push('');
  if (response) {
    parts.push(
      `HTTP ${response.status} ${statusText(response.status)}`.trim(),
      ...headerLines(response.headers),
    );
    const responseBody = prettyBody(response.body);
    if (responseBody !== null) parts.push('', responseBody);
  } else {
    parts.push(`No response${error ? `: ${error.code} ${error.message}` : ''}`);
  }
  return parts.join('\n');
}

/** Every exchange of one send as JSON (the records as stored), with the note. */
export function lifecycleJson(interactions: Interaction[]): string {
  return JSON.stringify({ note: REDACTION_NOTE, interactions }, null, 2);
}

const harHeaders = (headers: Record<string, string>) =>
  Object.entries(headers).map(([name, value]) => ({ name, value }));

const bodyText = (body: unknown) => (typeof body === 'string' ? body : (prettyBody(body) ?? ''));

/** The exchanges as a HAR 1.2 log, which browser devtools, Postman and Insomnia open. */
export function lifecycleHar(interactions: Interaction[], version: string): string {
  const entries = interactions.map((i) => {
    const requestText = i.request.body === undefined ? null : bodyText(i.request.body);
    const responseText = i.response?.body === undefined ? '' : bodyText(i.response.body);
    return {
      startedDateTime: i.startedAt,
      time: i.durationMs,
      request: {
        method: i.request.method,
        url: i.request.url,
        httpVersion: 'HTTP/1.1',
        headers: harHeaders(i.request.headers),
        queryString: queryParams(i.request.url).map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: requestText === null ? 0 : requestText.length,
        ...(requestText === null
          ? {}
          : {
              postData: {
                mimeType:
                  i.request.headers['content-type'] ??
                  i.request.headers['Content-Type'] ??
                  'application/json',
                text: requestText,
              },
            }),
      },
      response: {
        // HAR's way to say "no response": status 0.
        status: i.response?.status ?? 0,
        statusText: i.response ? statusText(i.response.status) : (i.error?.code ?? ''),
        httpVersion: 'HTTP/1.1',
        headers: harHeaders(i.response?.headers ?? {}),
        cookies: [],
        content: {
          size: responseText.length,
          mimeType: i.response?.headers['content-type'] ?? 'application/json',
          text: responseText,
        },
        redirectURL: '',
        headersSize: -1,
        bodySize: responseText.length,
      },
      cache: {},
      timings: { send: 0, wait: i.durationMs, receive: 0 },
      comment: `${stepLabel(i.step)}, attempt ${i.attempt}${i.classification ? `, ${i.classification.kind} ${i.classification.code}` : ''}`,
    };
  });
  return JSON.stringify(
    { log: { version: '1.2', creator: { name: 'Event Tester', version }, comment: REDACTION_NOTE, entries } },
    null,
    2,
  );
}

export interface WaterfallRow {
  index: number;
  label: string;
  /** ms from the first request's start. */
  offsetMs: number;
  durationMs: number;
  /** ms between the previous request's end and this one's start: a back-off before a retry. */
  waitMs: number;
  retry: boolean;
}

export interface Waterfall {
  rows: WaterfallRow[];
  totalMs: number;
}

/** Start offsets, durations and the waits between requests (back-offs before retries), and the total. */
export function waterfall(interactions: Interaction[]): Waterfall {
  const first = interactions[0];
  if (!first) return { rows: [], totalMs: 0 };
  const origin = Date.parse(first.startedAt);
  let previousEnd = origin;
  let end = origin;
  const rows = interactions.map((i, index) => {
    const start = Date.parse(i.startedAt);
    const row: WaterfallRow = {
      index,
      label: `${stepLabel(i.step)}${i.attempt > 1 ? `, attempt ${i.attempt}` : ''}`,
      offsetMs: Math.max(0, start - origin),
      durationMs: i.durationMs,
      waitMs: index === 0 ? 0 : Math.max(0, start - previousEnd),
      retry: i.attempt > 1,
    };
    previousEnd = start + i.durationMs;
    end = Math.max(end, previousEnd);
    return row;
  });
  return { rows, totalMs: end - origin };
}

/** A file for the browser to download (Electron shows its save dialog), released once clicked. */
export function saveTextFile(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
