/**
 * A Segment event written back as the code that sends it: an analytics.js call, an analytics-node
 * call and a curl to the HTTP API. Pure, so the Debugger's Pretty view and the Event Builder show
 * the same text. The library-filled fields (messageId, timestamps, context.library ...) are left
 * out of the calls, as a developer would not write them; curl keeps the event whole.
 */

export interface CallCode {
  analyticsJs: string;
  analyticsNode: string;
  curl: string;
}

const FILLED_BY_LIBRARY = new Set([
  'type',
  'messageId',
  'timestamp',
  'originalTimestamp',
  'sentAt',
  'receivedAt',
  'writeKey',
  'channel',
  'version',
  '_metadata',
]);

import { isRecord as isObject } from '../json/value';

function own(event: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(event, key) ? event[key] : undefined;
}

function json(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent) ?? 'undefined';
}

/** analytics.js arguments: (name?, properties/traits?, options?) by call type. */
function browserArgs(type: string, event: Record<string, unknown>): unknown[] {
  const options: Record<string, unknown> = {};
  const context = own(event, 'context');
  const integrations = own(event, 'integrations');
  if (isObject(context)) {
    const { library: _library, ...rest } = context;
    if (Object.keys(rest).length > 0) options.context = rest;
  }
  if (isObject(integrations)) options.integrations = integrations;
  const tail = Object.keys(options).length > 0 ? [options] : [];
  const bag = (key: string) => own(event, key) ?? {};
  switch (type) {
    case 'track':
      return [own(event, 'event') ?? '', bag('properties'), ...tail];
    case 'identify':
      return [own(event, 'userId') ?? null, bag('traits'), ...tail];
    case 'page':
      return [own(event, 'category') ?? null, own(event, 'name') ?? null, bag('properties'), ...tail];
    case 'screen':
      return [own(event, 'name') ?? null, bag('properties'), ...tail];
    case 'group':
      return [own(event, 'groupId') ?? '', bag('traits'), ...tail];
    case 'alias':
      return [own(event, 'userId') ?? '', own(event, 'previousId') ?? null, ...tail];
    default:
      return [event];
  }
}

/** analytics-node takes one object: the event without what the library fills in. */
function nodeArgument(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(event)) {
    if (FILLED_BY_LIBRARY.has(key)) continue;
    const value = event[key];
    if (key === 'context' && isObject(value)) {
      const { library: _library, ...rest } = value;
      if (Object.keys(rest).length > 0) out.context = rest;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** A shell single-quoted string: `'` becomes `'\''`. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function callCode(event: unknown, options: { host?: string; writeKey?: string } = {}): CallCode {
  const host = options.host ?? 'https://api.segment.io';
  const writeKey = options.writeKey ?? 'YOUR_WRITE_KEY';
  if (!isObject(event)) {
    const text = json(event);
    return { analyticsJs: `// not an event: ${text}`, analyticsNode: `// not an event: ${text}`, curl: '' };
  }
  const rawType = own(event, 'type');
  const type = typeof rawType === 'string' ? rawType : 'track';
  const method = ['track', 'identify', 'page', 'screen', 'group', 'alias'].includes(type) ? type : 'track';
  const args = browserArgs(method, event)
    .map((arg) => json(arg))
    .join(', ');
  return {
    analyticsJs: `analytics.${method}(${args});`,
    analyticsNode: `analytics.${method}(${json(nodeArgument(event))});`,
    curl: [
      `curl ${host}/v1/${method} \\`,
      `  -u ${shellQuote(`${writeKey}:`)} \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -d ${shellQuote(json({ ...event, type: method }))}`,
    ].join('\n'),
  };
}
