import { describe, expect, it } from 'vitest';
import {
  classify,
  describeCode,
  ERROR_CATALOG,
  lookupCode,
  quotaResetNote,
} from '../../electron/core/marketo/errorCatalog';

describe('error catalog', () => {
  it.each(Object.entries(ERROR_CATALOG))('row %s is complete and consistent', (code, row) => {
    expect(['transient', 'actionable', 'fatal']).toContain(row.kind);
    expect(['backoff', 'refresh-token', 'no']).toContain(row.retry);
    expect(row.title.length).toBeGreaterThan(3);
    expect(row.hint.length).toBeGreaterThan(20);
    // A row is retried exactly when it is transient, except 607 (park, never hammer).
    expect(row.retry !== 'no').toBe(row.kind === 'transient');
    expect(classify(code)).toEqual({ kind: row.kind, code, hint: row.hint });
  });

  it('lists every response-level code from the reference', () => {
    const codes = [
      ...Array.from({ length: 17 }, (_, i) => String(600 + i)),
      ...['701', '702', '703', '704', '709', '710', '711', '712', '713', '714', '718', '719'],
      ...[
        '1001',
        '1002',
        '1003',
        '1004',
        '1005',
        '1006',
        '1007',
        '1008',
        '1009',
        '1010',
        '1011',
        '1013',
        '1049',
      ],
      ...['HTTP 401', 'HTTP 413', 'HTTP 414', 'HTTP 429', 'HTTP 500', 'HTTP 502', 'HTTP 503', 'HTTP 504'],
      ...['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'TIMEOUT', 'ABORTED', 'NETWORK', 'NON_JSON'],
    ];
    for (const code of codes) expect(ERROR_CATALOG, code).toHaveProperty([code]);
  });

  it.each([
    ['601', 'transient', 'refresh-token'],
    ['602', 'transient', 'refresh-token'],
    ['604', 'transient', 'backoff'],
    ['606', 'transient', 'backoff'],
    ['608', 'transient', 'backoff'],
    ['611', 'transient', 'backoff'],
    ['614', 'transient', 'backoff'],
    ['615', 'transient', 'backoff'],
    ['713', 'transient', 'backoff'],
    ['HTTP 502', 'transient', 'backoff'],
    ['HTTP 429', 'transient', 'backoff'],
    ['ECONNRESET', 'transient', 'backoff'],
    ['TIMEOUT', 'transient', 'backoff'],
    ['607', 'actionable', 'no'],
    ['603', 'actionable', 'no'],
    ['609', 'fatal', 'no'],
    ['610', 'actionable', 'no'],
    ['1004', 'actionable', 'no'],
    ['1006', 'actionable', 'no'],
    ['HTTP 401', 'actionable', 'no'],
    ['HTTP 413', 'actionable', 'no'],
  ])('%s is %s with retry %s', (code, kind, retry) => {
    const entry = lookupCode(code);
    expect(entry.kind).toBe(kind);
    expect(entry.retry).toBe(retry);
  });

  it('gives 603 a hint about roles and the IP allowlist', () => {
    expect(classify('603').hint).toMatch(/Users & Roles/);
    expect(classify('603').hint).toMatch(/allowlist/);
  });

  it('marks failures after which a write may already have happened', () => {
    for (const code of ['TIMEOUT', 'ECONNRESET', 'HTTP 502', '604', '611']) {
      expect(lookupCode(code).mayHaveProcessed, code).toBe(true);
    }
    for (const code of ['601', '602', '606', '615', 'ECONNREFUSED']) {
      expect(lookupCode(code).mayHaveProcessed, code).toBeFalsy();
    }
  });

  it('falls back by family for codes not in the table', () => {
    expect(lookupCode('HTTP 418').kind).toBe('actionable');
    expect(lookupCode('HTTP 599')).toMatchObject({ kind: 'transient', retry: 'backoff' });
    expect(lookupCode('1099')).toMatchObject({ kind: 'actionable', retry: 'no' });
    expect(lookupCode('799')).toMatchObject({ kind: 'fatal', retry: 'no' });
    expect(describeCode('606')).toBe('606 Rate limit exceeded');
  });

  it('says when the daily quota resets (midnight US Central)', () => {
    // 2026-01-15 23:30 in Chicago (UTC-6) is 05:30 UTC the next day: 30 minutes left.
    expect(quotaResetNote(new Date('2026-01-16T05:30:00Z'))).toMatch(/in about 0 h 30 min/);
    // Summer (UTC-5): 12:00 in Chicago is 17:00 UTC: 12 hours left.
    expect(quotaResetNote(new Date('2026-07-01T17:00:00Z'))).toMatch(/in about 12 h 0 min/);
  });
});
