import { isRecord, parseJsonBody } from '../http/body';
import { ApiError } from './envelope';

/** What a REST route handler sees of a call that has passed auth and limits. */
export interface RestRequest {
  /** Query parameters, plus the form body of a `POST ...?_method=GET`. */
  params: URLSearchParams;
  body: Buffer;
  mediaType: string;
}

/** Write endpoints take JSON only: 612 for another content type, 609 for a body that doesn't parse. */
export function jsonBody(request: RestRequest): unknown {
  const parsed = parseJsonBody(request.mediaType, request.body);
  if (parsed.ok) return parsed.value;
  if (parsed.error === 'not-json-content-type') throw new ApiError('612', 'Invalid Content Type');
  throw new ApiError('609', 'Invalid JSON');
}

/** Marketo's batch limit for lead and activity writes and for `filterValues`. */
export const MAX_BATCH = 300;

/** The `input` array of a batch write: required, at most 300 records. */
export function batchInput(body: unknown): unknown[] {
  if (!isRecord(body)) throw new ApiError('609', 'Invalid JSON');
  const input = body.input;
  if (input === undefined || input === null) {
    throw new ApiError('1002', "Missing value for required parameter 'input'");
  }
  if (!Array.isArray(input)) throw new ApiError('1003', "Invalid data: 'input' must be an array");
  if (input.length > MAX_BATCH) {
    throw new ApiError(
      '1003',
      `Invalid data: ${input.length} records in 'input', at most ${MAX_BATCH} allowed`,
    );
  }
  return input;
}
