/**
 * The Event Builder's templates: one per call type, and the semantic events most sent to Marketo
 * (spec §5). Track, identify and page are the editor's own templates (templates.ts); the others
 * are built the same way, so every template carries a messageId, a timestamp and this tool's
 * context.library.
 */
import type { CallType } from './schemas';
import { eventTemplates, TEMPLATE_LIBRARY_NAME, TEMPLATE_USER, type TemplateOptions } from './templates';

export interface BuilderTemplate {
  id: string;
  label: string;
  type: CallType;
  build(options?: TemplateOptions): string;
}

function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function envelope(type: CallType, body: Record<string, unknown>, options: TemplateOptions = {}) {
  const { context, ...rest } = body;
  return pretty({
    type,
    ...rest,
    userId: TEMPLATE_USER.userId,
    messageId: (options.uuid ?? randomUuid)(),
    timestamp: (options.now ?? (() => new Date()))().toISOString(),
    context: {
      ...(context as Record<string, unknown> | undefined),
      library: { name: TEMPLATE_LIBRARY_NAME, version: options.libraryVersion ?? '0.1.0' },
    },
  });
}

const traits = { traits: { email: TEMPLATE_USER.email } };
const semantic = (id: string, properties: Record<string, unknown>): BuilderTemplate => ({
  id,
  label: id,
  type: 'track',
  build: (options) => envelope('track', { event: id, properties, context: traits }, options),
});

export const BUILDER_TEMPLATES: readonly BuilderTemplate[] = [
  { id: 'track', label: 'Track', type: 'track', build: (o) => eventTemplates.track(o) },
  { id: 'identify', label: 'Identify', type: 'identify', build: (o) => eventTemplates.identify(o) },
  { id: 'page', label: 'Page', type: 'page', build: (o) => eventTemplates.page(o) },
  {
    id: 'screen',
    label: 'Screen',
    type: 'screen',
    build: (o) => envelope('screen', { name: 'Home', properties: { variation: 'blue' } }, o),
  },
  {
    id: 'group',
    label: 'Group',
    type: 'group',
    build: (o) =>
      envelope(
        'group',
        { groupId: 'acct-42', traits: { name: 'Initech', industry: 'Software', employees: 120 } },
        o,
      ),
  },
  {
    id: 'alias',
    label: 'Alias',
    type: 'alias',
    build: (o) => envelope('alias', { previousId: 'anon-7f3c2a' }, o),
  },
  semantic('Signed Up', {
    type: 'organic',
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: TEMPLATE_USER.email,
  }),
  semantic('Trial Started', { plan: 'Pro', seats: 5, source: 'pricing page', trial_days: 14 }),
  semantic('Order Completed', {
    order_id: '50314b8e9bcf000000000000',
    total: 27.5,
    revenue: 25,
    currency: 'USD',
    products: [
      { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly', price: 19, quantity: 1 },
    ],
  }),
  semantic('Form Submitted', {
    form_id: 'contact-us',
    form_name: 'Contact us',
    url: 'https://www.example.com/contact',
  }),
  semantic('Webinar Registered', { webinar: 'Marketo Masterclass', seats: 2, channel: 'email' }),
  semantic('Demo Requested', {
    product: 'Event Tester',
    company_size: '51-200',
    preferred_date: '2026-03-02',
  }),
];
