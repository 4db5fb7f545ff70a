/**
 * Starter drafts for the editor. Each one delivers on the sandbox's default settings as is:
 * the track event is mapped to a custom activity and the lead is found by context.traits.email.
 */

export interface TemplateOptions {
  /** The clock for `timestamp`; default the current time. */
  now?: () => Date;
  /** The generator for `messageId`; default a random UUID. */
  uuid?: () => string;
  /** Stamped into `context.library.version` so this tool's traffic can be picked out downstream. */
  libraryVersion?: string;
}

export type TemplateName = 'track' | 'identify' | 'page';

export const TEMPLATE_LIBRARY_NAME = 'event-tester';
const DEFAULT_LIBRARY_VERSION = '0.1.0';

export const TEMPLATE_USER = { userId: 'user-1001', email: 'ada@example.com' } as const;
const USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

function randomUuid(): string {
  const crypto = globalThis.crypto;
  if (crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Non-secure contexts lack randomUUID; a messageId only needs to be unique, not unguessable.
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function common(options: TemplateOptions) {
  return {
    userId: TEMPLATE_USER.userId,
    messageId: (options.uuid ?? randomUuid)(),
    timestamp: (options.now ?? (() => new Date()))().toISOString(),
  };
}

function library(options: TemplateOptions) {
  return { name: TEMPLATE_LIBRARY_NAME, version: options.libraryVersion ?? DEFAULT_LIBRARY_VERSION };
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const eventTemplates: Record<TemplateName, (options?: TemplateOptions) => string> = {
  track: (options = {}) =>
    pretty({
      type: 'track',
      event: 'Webinar Registered',
      ...common(options),
      properties: { webinar: 'Marketo Masterclass', seats: 2, channel: 'email' },
      context: { traits: { email: TEMPLATE_USER.email }, library: library(options) },
    }),
  identify: (options = {}) =>
    pretty({
      type: 'identify',
      ...common(options),
      traits: { email: TEMPLATE_USER.email, firstName: 'Ada', lastName: 'Lovelace' },
      context: { library: library(options) },
    }),
  page: (options = {}) =>
    pretty({
      type: 'page',
      name: 'Pricing',
      ...common(options),
      properties: {
        url: 'https://www.example.com/pricing',
        title: 'Pricing | Example',
        path: '/pricing',
      },
      context: { traits: { email: TEMPLATE_USER.email }, userAgent: USER_AGENT, library: library(options) },
    }),
};
