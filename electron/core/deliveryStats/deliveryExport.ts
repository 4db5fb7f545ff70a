/**
 * The Delivery exports: the issues of a period (one row per code, with cause and remedy) or its
 * failures (one row per delivery that did not go through; NDJSON adds the event and every exchange).
 * Records are redacted when they are made, so what is exported is what the store holds.
 */
import { MAX_EXPORT_ROWS, type DeliveryExport, type DeliveryIssue } from '../../../shared/deliveryStats';
import type { DeliveryRecord } from '../../../shared/history';
import type { DeliveryStatsQueries, StatsFilter } from '../store';
import { toCsv, toNdjson } from './exportFormat';

export interface RecordReader {
  get(id: string): DeliveryRecord | null;
}

type Format = 'ndjson' | 'csv';

const MIME = new Map<Format, string>([
  ['ndjson', 'application/x-ndjson'],
  ['csv', 'text/csv'],
]);

const ISSUE_COLUMNS = [
  'code',
  'title',
  'count',
  'recovered',
  'transient',
  'kind',
  'severity',
  'steps',
  'firstSeen',
  'lastSeen',
  'cause',
  'remedy',
] as const;

export function exportIssues(issues: DeliveryIssue[], format: Format, file: string): DeliveryExport {
  const text =
    format === 'ndjson'
      ? toNdjson(issues)
      : toCsv(
          ISSUE_COLUMNS,
          issues.map((issue) =>
            ISSUE_COLUMNS.map((column) => (column === 'steps' ? issue.steps.join(' ') : issue[column])),
          ),
        );
  return {
    fileName: `${file}.${format}`,
    mimeType: MIME.get(format)!,
    text,
    rows: issues.length,
    truncated: false,
  };
}

const FAILURE_COLUMNS = [
  'id',
  'startedAt',
  'source',
  'targetId',
  'callType',
  'eventName',
  'messageId',
  'outcome',
  'code',
  'reason',
  'hint',
  'calls',
  'durationMs',
] as const;

export function exportFailures(
  queries: DeliveryStatsQueries,
  filter: StatsFilter,
  format: Format,
  file: string,
  records?: RecordReader,
): DeliveryExport {
  const { rows, total } = queries.failures(filter, MAX_EXPORT_ROWS);
  const text =
    format === 'ndjson'
      ? toNdjson(rows.map((row) => records?.get(row.id) ?? row))
      : toCsv(
          FAILURE_COLUMNS,
          rows.map((row) => FAILURE_COLUMNS.map((column) => row[column])),
        );
  return {
    fileName: `${file}.${format}`,
    mimeType: MIME.get(format)!,
    text,
    rows: rows.length,
    truncated: total > rows.length,
  };
}
