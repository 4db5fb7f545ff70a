import { failure, item, success, type MarketoErrorItem, type Reply } from './envelope';
import type { LeadStore } from './leadStore';
import { isRecord } from '../http/body';
import { batchInput, jsonBody, type RestRequest } from './request';
import { ACTIVITY_TYPES, type ActivityAttributeDef, type ActivityTypeDef } from './seed';
import type { SandboxActivity } from './types';

const FIRST_ACTIVITY_ID = 50001;
const MAX_ATTRIBUTES = 20;
const MAX_ATTRIBUTE_BYTES = 65_536;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Custom activities posted to the sandbox. Write-once, as in Marketo. */
export class ActivityStore {
  private items: SandboxActivity[] = [];
  private nextId = FIRST_ACTIVITY_ID;

  reset(): void {
    this.items = [];
    this.nextId = FIRST_ACTIVITY_ID;
  }

  all(): SandboxActivity[] {
    return this.items.map((a) => ({ ...a, attributes: a.attributes.map((x) => ({ ...x })) }));
  }

  /** Up to `count` stored activities from `index`, in insertion order, and how many there are. */
  slice(index: number, count: number): { items: readonly SandboxActivity[]; total: number } {
    return { items: this.items.slice(index, index + count), total: this.items.length };
  }

  add(activity: Omit<SandboxActivity, 'id' | 'marketoGUID'>): SandboxActivity {
    const id = this.nextId++;
    const stored = { ...activity, id, marketoGUID: String(id) };
    this.items.push(stored);
    return stored;
  }
}

/** `POST /rest/v1/activities/external.json`: `added`, or `skipped` with `errors[]` as the docs show. */
export function addActivities(request: RestRequest, leads: LeadStore, activities: ActivityStore): Reply {
  const input = batchInput(jsonBody(request));
  return success(
    input.map((record) => {
      const checked = checkActivity(record, leads);
      if ('error' in checked) return { status: 'skipped', errors: [checked.error] };
      const stored = activities.add(checked.activity);
      return { id: stored.id, marketoGUID: stored.marketoGUID, status: 'added' };
    }),
  );
}

type Checked = { activity: Omit<SandboxActivity, 'id' | 'marketoGUID'> } | { error: MarketoErrorItem };

function checkActivity(record: unknown, leads: LeadStore): Checked {
  const fail = (code: string, message: string): Checked => ({ error: item(code, message) });
  if (!isRecord(record)) return fail('1003', 'Invalid data: each input record must be an object');
  for (const name of ['leadId', 'activityDate', 'activityTypeId', 'primaryAttributeValue', 'attributes']) {
    const value = record[name];
    if (value === undefined || value === null || value === '') {
      return fail('1002', `Missing value for required parameter '${name}'`);
    }
  }
  const { leadId, activityDate, activityTypeId, primaryAttributeValue, attributes } = record;

  if (!Number.isInteger(activityTypeId)) return fail('1001', invalid(activityTypeId, 'integer'));
  const type = ACTIVITY_TYPES.find((t) => t.id === activityTypeId && t.status === 'approved');
  if (type === undefined) return fail('1013', `Activity type '${String(activityTypeId)}' not found`);
  if (!Number.isInteger(leadId)) return fail('1001', invalid(leadId, 'integer'));
  if (leads.get(leadId as number) === undefined) return fail('1004', 'Lead not found');
  if (
    typeof activityDate !== 'string' ||
    !ISO_DATETIME.test(activityDate) ||
    Number.isNaN(Date.parse(activityDate))
  ) {
    return fail('1001', invalid(activityDate, 'datetime'));
  }
  const primaryProblem = valueProblem(type.primaryAttribute, primaryAttributeValue);
  if (typeof primaryAttributeValue !== 'string' || primaryProblem !== null) {
    return fail('1001', primaryProblem ?? invalid(primaryAttributeValue, 'string'));
  }

  if (!Array.isArray(attributes)) return fail('1003', "Invalid data: 'attributes' must be an array");
  if (attributes.length > MAX_ATTRIBUTES) {
    return fail('1003', `Invalid data: ${attributes.length} attributes, at most ${MAX_ATTRIBUTES} allowed`);
  }
  if (Buffer.byteLength(JSON.stringify(attributes)) > MAX_ATTRIBUTE_BYTES) {
    return fail('1049', `Failed to Create Activity: attributes exceed ${MAX_ATTRIBUTE_BYTES} bytes`);
  }
  const checked = checkAttributes(type, attributes);
  if ('error' in checked) return checked;

  return {
    activity: {
      leadId: leadId as number,
      activityTypeId: type.id,
      activityDate,
      primaryAttributeValue,
      attributes: checked.attributes,
    },
  };
}

function checkAttributes(
  type: ActivityTypeDef,
  attributes: unknown[],
): { attributes: SandboxActivity['attributes'] } | { error: MarketoErrorItem } {
  const out: SandboxActivity['attributes'] = [];
  for (const entry of attributes) {
    // Marketo documents `apiName`; RudderStack sends `name`. Accept either.
    const name = isRecord(entry) ? (entry.apiName ?? entry.name) : undefined;
    if (!isRecord(entry) || typeof name !== 'string' || name === '') {
      return { error: item('1003', 'Invalid data: each attribute needs an apiName (or name) and a value') };
    }
    const def = type.attributes.find((a) => a.apiName === name);
    if (def === undefined) {
      const hint =
        name === type.primaryAttribute.apiName
          ? ' (the primary attribute goes in primaryAttributeValue)'
          : '';
      return { error: item('1006', `Field '${name}' not found${hint}`) };
    }
    const problem = valueProblem(def, entry.value);
    if (problem !== null) return { error: item('1001', problem) };
    out.push({ apiName: name, value: entry.value });
  }
  return { attributes: out };
}

function valueProblem(def: ActivityAttributeDef, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (def.dataType === 'integer') {
    const ok = Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value));
    return ok ? null : invalid(value, 'integer');
  }
  const ok = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  return ok ? null : invalid(typeof value === 'object' ? JSON.stringify(value) : value, def.dataType);
}

function invalid(value: unknown, dataType: string): string {
  return `Invalid value '${String(value)}'. Required of type '${dataType}'`;
}

const copyType = (t: ActivityTypeDef) => ({
  ...t,
  primaryAttribute: { ...t.primaryAttribute },
  attributes: t.attributes.map((a) => ({ ...a })),
});

/** `GET /rest/v1/activities/external/types.json`; `withoutAttributes` as in Marketo's docs example. */
export function listActivityTypes(withoutAttributes: boolean): Reply {
  return success(
    ACTIVITY_TYPES.map((t) => {
      if (!withoutAttributes) return copyType(t);
      const { primaryAttribute: _primary, attributes: _attributes, ...listed } = t;
      return { ...listed };
    }),
  );
}

/**
 * `GET /rest/v1/activities/external/type/{apiName}/describe.json`: the type with its primary
 * attribute and attributes. The sandbox keeps one version per type, so `draft=true` changes nothing.
 */
export function describeActivityType(apiName: string): Reply {
  const type = ACTIVITY_TYPES.find((t) => t.apiName === apiName);
  if (type === undefined) return failure('1013', `Activity type '${apiName.slice(0, 100)}' not found`);
  return success([copyType(type)]);
}
