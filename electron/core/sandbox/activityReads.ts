import { ApiError, requestId, type Reply } from './envelope';
import type { ActivityStore } from './activities';
import type { RestRequest } from './request';
import { ACTIVITY_TYPES } from './seed';
import type { SandboxActivity } from './types';

/**
 * Reading activities back, as Marketo does (reference/marketo-api.md, "Reading activities back"):
 * a paging token names a moment; each `activities.json` call walks up to `batchSize` activities of
 * all types from the token's position, returns those matching the lead and type filters, and a token
 * for the position after them. `moreResult` is true while activities remain beyond that position.
 */

const MAX_TYPE_IDS = 10;
const MAX_LEAD_IDS = 30;
const MAX_BATCH = 300;

interface Position {
  /** Activities dated before this (ms) are not listed. */
  since: number;
  /** Index in the store's insertion order where the next read starts. */
  index: number;
}

const encode = (p: Position) => Buffer.from(`${p.since}:${p.index}`, 'utf8').toString('base64url');

function decode(token: string): Position {
  const match = /^(-?\d{1,16}):(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw new ApiError('1003', 'Invalid data: nextPageToken is not a valid paging token');
  return { since: Number(match[1]), index: Number(match[2]) };
}

/** `GET /rest/v1/activities/pagingtoken.json?sinceDatetime=`. */
export function pagingToken(request: RestRequest): Reply {
  const raw = request.params.get('sinceDatetime') ?? '';
  if (raw === '') throw new ApiError('1002', "Missing value for required parameter 'sinceDatetime'");
  const since = Date.parse(raw);
  if (Number.isNaN(since)) throw new ApiError('1001', `Invalid value '${raw}'. Required of type 'datetime'`);
  return {
    status: 200,
    body: { requestId: requestId(), success: true, nextPageToken: encode({ since, index: 0 }) },
  };
}

function idList(raw: string | null, name: string, max: number): Set<number> {
  const parts = (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new ApiError('1002', `Missing value for required parameter '${name}'`);
  if (parts.length > max)
    throw new ApiError('1003', `Invalid data: ${parts.length} ${name}, at most ${max} allowed`);
  const bad = parts.find((p) => !/^\d{1,15}$/.test(p));
  if (bad !== undefined) throw new ApiError('1001', `Invalid value '${bad}'. Required of type 'integer'`);
  return new Set(parts.map(Number));
}

/** `GET /rest/v1/activities.json?nextPageToken=&activityTypeIds=&leadIds=&batchSize=`. */
export function listActivities(request: RestRequest, store: ActivityStore): Reply {
  const token = request.params.get('nextPageToken') ?? '';
  if (token === '') throw new ApiError('1002', "Missing value for required parameter 'nextPageToken'");
  const position = decode(token);
  const types = idList(request.params.get('activityTypeIds'), 'activityTypeIds', MAX_TYPE_IDS);
  const leads = request.params.has('leadIds')
    ? idList(request.params.get('leadIds'), 'leadIds', MAX_LEAD_IDS)
    : null;
  const batchSize = Math.min(
    MAX_BATCH,
    Math.max(1, Number(request.params.get('batchSize') ?? MAX_BATCH) || MAX_BATCH),
  );
  const { items, total } = store.slice(position.index, batchSize);
  const result = items
    .filter(
      (a) =>
        Date.parse(a.activityDate) >= position.since &&
        types.has(a.activityTypeId) &&
        (leads === null || leads.has(a.leadId)),
    )
    .map(listed);
  const next = position.index + items.length;
  return {
    status: 200,
    body: {
      requestId: requestId(),
      success: true,
      nextPageToken: encode({ since: position.since, index: next }),
      moreResult: next < total,
      // As Marketo: `result` is absent when nothing matched.
      ...(result.length > 0 ? { result } : {}),
    },
  };
}

/** As Marketo lists an activity: UTC date without milliseconds, attributes by display name. */
function listed(activity: SandboxActivity): Record<string, unknown> {
  const type = ACTIVITY_TYPES.find((t) => t.id === activity.activityTypeId);
  const displayName = (apiName: string) =>
    type?.attributes.find((a) => a.apiName === apiName)?.name ?? apiName;
  return {
    id: activity.id,
    marketoGUID: activity.marketoGUID,
    leadId: activity.leadId,
    activityDate: new Date(activity.activityDate).toISOString().replace(/\.000Z$/, 'Z'),
    activityTypeId: activity.activityTypeId,
    primaryAttributeValue: activity.primaryAttributeValue,
    attributes: activity.attributes.map((a) => ({ name: displayName(a.apiName), value: a.value })),
  };
}
