/**
 * NDJSON and CSV text for the Delivery exports. CSV follows RFC 4180 (quotes doubled, CRLF rows) and
 * neutralises cells a spreadsheet would run as a formula (a leading =, +, -, @, tab or CR), since
 * exported values include text that came from events and from Marketo.
 */

export type Cell = string | number | boolean | null | undefined;

export function toNdjson(rows: readonly unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [columns, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
