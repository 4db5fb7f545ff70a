import { DestinationSettingsSchema, type DestinationSettings } from '../../../shared/settings';
import type { SandboxLead } from './types';

/** Seed data: a few leads, the lead fields describe2 reports, and approved custom activity types. */

export type LeadFieldType = 'integer' | 'email' | 'string' | 'phone' | 'datetime';

export interface LeadFieldDef {
  name: string;
  displayName: string;
  dataType: LeadFieldType;
  length: number | null;
  updateable: boolean;
  crmManaged: boolean;
}

const field = (
  name: string,
  displayName: string,
  dataType: LeadFieldType,
  length: number | null = 255,
  updateable = true,
): LeadFieldDef => ({ name, displayName, dataType, length, updateable, crmManaged: false });

export const LEAD_FIELDS: readonly LeadFieldDef[] = [
  field('id', 'Id', 'integer', null, false),
  field('email', 'Email Address', 'email'),
  field('firstName', 'First Name', 'string'),
  field('lastName', 'Last Name', 'string'),
  // Segment's Marketo V2 needs these two custom String fields, with exactly these API names.
  field('userId', 'userId', 'string'),
  field('anonymousId', 'anonymousId', 'string'),
  field('company', 'Company Name', 'string'),
  field('phone', 'Phone Number', 'phone'),
  field('title', 'Job Title', 'string'),
  field('city', 'City', 'string'),
  field('country', 'Country', 'string'),
  field('postalCode', 'Postal Code', 'string'),
  field('createdAt', 'Created At', 'datetime', null, false),
  field('updatedAt', 'Updated At', 'datetime', null, false),
];

export const LEAD_FIELD_BY_NAME: ReadonlyMap<string, LeadFieldDef> = new Map(
  LEAD_FIELDS.map((f) => [f.name, f]),
);

/** Fields usable as `filterType` and `lookupField`. */
export const SEARCHABLE_FIELDS: readonly string[] = ['email', 'id', 'userId', 'anonymousId'];

export const DEFAULT_LEAD_FIELDS: readonly string[] = [
  'id',
  'email',
  'updatedAt',
  'createdAt',
  'firstName',
  'lastName',
];

const SEEDED_AT = '2026-01-05T09:30:00Z';

export function seedLeads(): SandboxLead[] {
  const base = { createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
  return [
    {
      id: 1001,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      userId: 'user-1001',
      company: 'Analytical Engines',
      ...base,
    },
    {
      id: 1002,
      email: 'grace@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
      userId: 'user-1002',
      ...base,
    },
    { id: 1003, email: 'linus@example.com', firstName: 'Linus', lastName: 'Torvalds', ...base },
    { id: 1004, anonymousId: 'anon-42', ...base },
  ];
}

export const FIRST_NEW_LEAD_ID = 1005;

export type AttributeType = 'string' | 'integer' | 'link';

export interface ActivityAttributeDef {
  apiName: string;
  name: string;
  description: string;
  dataType: AttributeType;
}

export interface ActivityTypeDef {
  id: number;
  apiName: string;
  name: string;
  description: string;
  triggerName: string;
  filterName: string;
  createdAt: string;
  updatedAt: string;
  status: 'approved' | 'draft';
  primaryAttribute: ActivityAttributeDef;
  attributes: ActivityAttributeDef[];
}

const attr = (
  apiName: string,
  name: string,
  dataType: AttributeType,
  description = '',
): ActivityAttributeDef => ({
  apiName,
  name,
  description,
  dataType,
});

const type = (
  id: number,
  apiName: string,
  name: string,
  triggerName: string,
  filterName: string,
  primaryAttribute: ActivityAttributeDef,
  attributes: ActivityAttributeDef[],
  status: ActivityTypeDef['status'] = 'approved',
): ActivityTypeDef => ({
  id,
  apiName,
  name,
  description: `${name} (sandbox)`,
  triggerName,
  filterName,
  createdAt: SEEDED_AT,
  updatedAt: SEEDED_AT,
  status,
  primaryAttribute,
  attributes,
});

export const ACTIVITY_TYPES: readonly ActivityTypeDef[] = [
  type(
    100101,
    'webinarRegistered_c',
    'Webinar Registered',
    'Registers for Webinar',
    'Registered for Webinar',
    attr('webinar', 'Webinar', 'string'),
    [attr('seats', 'Seats', 'integer'), attr('channel', 'Channel', 'string')],
  ),
  type(
    100102,
    'trialStarted_c',
    'Trial Started',
    'Starts Trial',
    'Started Trial',
    attr('plan', 'Plan', 'string'),
    [attr('seats', 'Seats', 'integer'), attr('source', 'Source', 'string')],
  ),
  type(100103, 'pageVisited_c', 'Page Visited', 'Visits Page', 'Visited Page', attr('url', 'URL', 'link'), [
    attr('title', 'Title', 'string'),
    attr('referrer', 'Referrer', 'link'),
  ]),
  // Not approved yet: posting to it is refused like an unknown type.
  type(
    100104,
    'surveyCompleted_c',
    'Survey Completed',
    'Completes Survey',
    'Completed Survey',
    attr('survey', 'Survey', 'string'),
    [attr('score', 'Score', 'integer')],
    'draft',
  ),
];

/** Destination settings that map the seeded activity types; the app's and CLI's default. */
export function sandboxDefaultSettings(): DestinationSettings {
  return DestinationSettingsSchema.parse({
    formatVersion: 1,
    leadFields: {
      email: 'email',
      firstName: 'firstName',
      lastName: 'lastName',
      company: 'company',
      phone: 'phone',
      title: 'title',
      'address.city': 'city',
      'address.country': 'country',
      'address.postalCode': 'postalCode',
    },
    activities: {
      'Webinar Registered': {
        activityTypeId: 100101,
        primaryProperty: 'webinar',
        attributes: { seats: 'seats', channel: 'channel' },
      },
      'Trial Started': {
        activityTypeId: 100102,
        primaryProperty: 'plan',
        attributes: { seats: 'seats', source: 'source' },
      },
    },
    page: {
      activityTypeId: 100103,
      primaryProperty: 'url',
      attributes: { title: 'title', referrer: 'referrer' },
    },
    trackAnonymous: false,
  });
}
