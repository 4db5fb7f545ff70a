import { ApiError, item, success, type MarketoErrorItem, type Reply } from './envelope';
import { invalidLeadValue, type LeadStore } from './leadStore';
import { isRecord } from '../http/body';
import { batchInput, jsonBody, MAX_BATCH, type RestRequest } from './request';
import { DEFAULT_LEAD_FIELDS, LEAD_FIELD_BY_NAME, LEAD_FIELDS, SEARCHABLE_FIELDS } from './seed';
import type { SandboxLead } from './types';

const MAX_MATCHES = 1000;

/** `GET /rest/v1/leads.json?filterType=&filterValues=&fields=` (also `POST ...?_method=GET`). */
export function getLeads(request: RestRequest, store: LeadStore): Reply {
  const filterType = request.params.get('filterType')?.trim() ?? '';
  if (filterType === '') throw new ApiError('1002', "Missing value for required parameter 'filterType'");
  if (!SEARCHABLE_FIELDS.includes(filterType)) {
    throw new ApiError('1011', `Field '${filterType}' not supported`);
  }
  const values = splitList(request.params.get('filterValues'));
  if (values.length === 0) throw new ApiError('1002', "Missing value for required parameter 'filterValues'");
  if (values.length > MAX_BATCH) {
    throw new ApiError('1003', `Invalid data: ${values.length} filterValues, at most ${MAX_BATCH} allowed`);
  }
  const requested = splitList(request.params.get('fields'));
  const fields = requested.length > 0 ? requested : [...DEFAULT_LEAD_FIELDS];
  const unknown = fields.find((name) => !LEAD_FIELD_BY_NAME.has(name));
  if (unknown !== undefined) throw new ApiError('1006', `Field '${unknown}' not found`);

  const matches = new Map<number, SandboxLead>();
  for (const value of values) {
    if (filterType === 'id' && !/^\d+$/.test(value)) {
      throw new ApiError('1001', `Invalid value '${value}'. Required of type 'integer'`);
    }
    for (const lead of store.find(filterType, value)) matches.set(lead.id, lead);
  }
  if (matches.size > MAX_MATCHES) throw new ApiError('1003', 'Too many results match the filter');

  const columns = fields.includes('id') ? fields : ['id', ...fields];
  const result = [...matches.values()]
    .sort((a, b) => a.id - b.id)
    .map((lead) => Object.fromEntries(columns.map((name) => [name, lead[name] ?? null])));
  return success(result);
}

const ACTIONS = ['createOrUpdate', 'createOnly', 'updateOnly', 'createDuplicate'] as const;
type SyncAction = (typeof ACTIONS)[number];

/** `POST /rest/v1/leads.json` (Sync Leads): one result per input record, in input order. */
export function syncLeads(request: RestRequest, store: LeadStore): Reply {
  const body = jsonBody(request);
  const input = batchInput(body);
  const options = body as Record<string, unknown>;
  const action = (options.action ?? 'createOrUpdate') as SyncAction;
  if (!ACTIONS.includes(action))
    throw new ApiError('1003', `Invalid data: unknown action '${String(action)}'`);
  const lookupField = options.lookupField ?? 'email';
  if (typeof lookupField !== 'string' || !SEARCHABLE_FIELDS.includes(lookupField)) {
    throw new ApiError('1011', `Field '${String(lookupField)}' not supported`);
  }
  return success(input.map((record) => syncOne(record, action, lookupField, store)));
}

function syncOne(record: unknown, action: SyncAction, lookupField: string, store: LeadStore): unknown {
  const skipped = (reason: MarketoErrorItem) => ({ status: 'skipped', reasons: [reason] });
  if (!isRecord(record)) return skipped(item('1003', 'Invalid data: each input record must be an object'));

  for (const [name, value] of Object.entries(record)) {
    const def = LEAD_FIELD_BY_NAME.get(name);
    if (def === undefined) return skipped(item('1006', `Field '${name}' not found`));
    if (name === 'id') {
      if (lookupField !== 'id')
        return skipped(item('1003', "Invalid data: 'id' is allowed only as the lookupField"));
    } else if (!def.updateable) {
      return skipped(item('1003', `Invalid data: field '${name}' is not updateable`));
    }
    const invalid = invalidLeadValue(def, value);
    if (invalid !== null) return skipped(item('1001', invalid));
  }

  const key = record[lookupField];
  const hasKey = key !== undefined && key !== null && key !== '';
  if (action === 'createDuplicate') return { id: store.create(record).id, status: 'created' };
  if (!hasKey) return skipped(item('1002', `Missing value for required parameter '${lookupField}'`));
  if (lookupField === 'id' && action === 'createOnly') {
    return skipped(item('1003', "Invalid data: 'id' cannot be used with createOnly"));
  }

  const matches = store.find(lookupField, key as string | number);
  if (matches.length > 1) return skipped(item('1007', 'Multiple leads match the lookup criteria'));
  const existing = matches[0];
  if (existing !== undefined) {
    if (action === 'createOnly') return skipped(item('1005', 'Lead already exists'));
    store.update(existing, record);
    return { id: existing.id, status: 'updated' };
  }
  if (action === 'updateOnly' || lookupField === 'id') return skipped(item('1004', 'Lead not found'));
  return { id: store.create(record).id, status: 'created' };
}

/** `GET /rest/v1/leads/describe2.json`. */
export function describeLeads(): Reply {
  return success([
    {
      name: 'API Lead',
      searchableFields: SEARCHABLE_FIELDS.map((name) => [name]),
      fields: LEAD_FIELDS.map((f) => ({ ...f })),
    },
  ]);
}

function splitList(raw: string | null): string[] {
  return (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
