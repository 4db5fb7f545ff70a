import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTextEdits, edit } from '../../shared/json/edit';
import { BUILDER_TEMPLATES } from '../../shared/segment/builderTemplates';
import { keySuggestions } from '../../shared/segment/suggestions';
import { checkEventText } from '../../shared/segment/validate';
import { sandboxDefaultSettings } from '../../electron/core/sandbox/seed';
import {
  convertValue,
  integrationToggles,
  readDraft,
  readValue,
  renameKey,
} from '../../renderer/src/features/builder/builderModel';

const EXAMPLES = path.resolve(__dirname, '../../../shared/examples/segment-docs');
const files = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((n) => n.endsWith('.json')) : [];

describe('the Builder reads a draft', () => {
  it.each(files)('%s: the form writes every field back unchanged (no key lost, moved or changed)', (name) => {
    const text = readFileSync(path.join(EXAMPLES, name), 'utf8');
    const view = readDraft(text);
    if (name.startsWith('09')) {
      expect(view).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/batch envelope/) });
      return;
    }
    expect(view.kind).toBe('form');
    if (view.kind !== 'form') return;
    for (const [key, value] of Object.entries(view.event))
      expect(applyTextEdits(text, edit(text, [key], value)), key).toBe(text);
  });

  it('lists the keys it does not edit, and says why it cannot show invalid JSON', () => {
    const view = readDraft('{"type": "track", "event": "A", "email": "x", "traits": {}}');
    expect(view).toMatchObject({ kind: 'form', type: 'track', unknownKeys: ['email', 'traits'] });
    expect(readDraft('{"type": }')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/cannot be read/),
    });
    expect(readDraft('{"a": 1, "a": 2}')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/given twice/),
    });
    expect(readDraft('[]')).toMatchObject({ kind: 'invalid' });
  });
});

describe('form values', () => {
  it('reads typed values by kind and converts between kinds', () => {
    expect(readValue('12.5', 'number')).toEqual({ ok: true, value: 12.5 });
    expect(readValue('1.', 'number').ok).toBe(true);
    expect(readValue('x', 'number').ok).toBe(false);
    expect(readValue('{"a": [1]}', 'json')).toEqual({ ok: true, value: { a: [1] } });
    expect(readValue('2026-02-30', 'date').ok).toBe(false);
    expect(convertValue('42', 'number')).toBe(42);
    expect(convertValue(true, 'string')).toBe('true');
  });

  it('renames a key in place', () => {
    expect(Object.keys(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'x'))).toEqual(['a', 'x', 'c']);
  });

  it('shows All, then Marketo V2, then the rest; an option object is on', () => {
    expect(integrationToggles({ Amplitude: { session_id: 1 }, All: false })).toEqual([
      { name: 'All', on: false, explicit: true },
      { name: 'Marketo V2', on: false, explicit: false },
      { name: 'Amplitude', on: true, explicit: true },
    ]);
  });
});

describe('templates and suggestions', () => {
  it('has one template per call type and the six semantic events, all valid', () => {
    expect(BUILDER_TEMPLATES.map((t) => t.label)).toEqual([
      'Track',
      'Identify',
      'Page',
      'Screen',
      'Group',
      'Alias',
      'Signed Up',
      'Trial Started',
      'Order Completed',
      'Form Submitted',
      'Webinar Registered',
      'Demo Requested',
    ]);
    for (const t of BUILDER_TEMPLATES) expect(checkEventText(t.build()).errors, t.id).toEqual([]);
  });

  it('suggests the mapped properties with attribute and type, the primary one required', () => {
    const s = keySuggestions('track', 'Webinar Registered', sandboxDefaultSettings(), [
      {
        id: 100101,
        apiName: 'w',
        name: 'W',
        status: 'approved',
        primaryAttribute: { apiName: 'webinar', name: 'Webinar', dataType: 'string' },
        attributes: [{ apiName: 'seats', name: 'Seats', dataType: 'integer' }],
      } as never,
    ]);
    expect(s.slice(0, 3)).toEqual([
      { key: 'webinar', note: 'Marketo: primary attribute (string)', required: true },
      { key: 'seats', note: 'Marketo: seats (integer)' },
      { key: 'channel', note: 'Marketo: channel' },
    ]);
    expect(keySuggestions('identify', null, null, null).map((x) => x.key)).toContain('company');
    expect(keySuggestions('track', 'Order Completed', null, null).map((x) => x.key)).toContain('products');
  });
});
