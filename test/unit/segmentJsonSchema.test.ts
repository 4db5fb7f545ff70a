import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentDocumentJsonSchema, segmentEventJsonSchema } from '../../shared/segment/jsonSchema';
import { CALL_TYPES } from '../../shared/segment/schemas';

type Schema = Record<string, unknown>;

/**
 * A small draft-07 checker covering exactly the keywords the generated schema uses; any other
 * keyword fails the test, so the schema cannot quietly grow something this check ignores.
 */
const HANDLED = new Set([
  ...['$schema', 'title', 'description', 'definitions', '$ref', 'type', 'properties', 'required'],
  ...['additionalProperties', 'items', 'enum', 'const', 'minLength', 'maxLength', 'anyOf', 'oneOf'],
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matches(schema: Schema, value: unknown, root: Schema): boolean {
  for (const keyword of Object.keys(schema))
    if (!HANDLED.has(keyword)) throw new Error(`unhandled JSON Schema keyword ${keyword}`);
  if (typeof schema.$ref === 'string') {
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    if (!name) throw new Error(`non-local $ref ${schema.$ref}`);
    return matches((root.definitions as Record<string, Schema>)[name]!, value, root);
  }
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return false;
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) return false;
  if ('const' in schema && schema.const !== value) return false;
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in object)) return false;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [key, item] of Object.entries(object)) {
      const sub = properties[key] ?? schema.additionalProperties;
      if (sub === false) return false;
      if (sub && typeof sub === 'object' && !matches(sub as Schema, item, root)) return false;
    }
  }
  if (
    Array.isArray(value) &&
    schema.items &&
    !value.every((item) => matches(schema.items as Schema, item, root))
  )
    return false;
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((sub) => matches(sub, value, root))) return false;
  if (schema.oneOf && (schema.oneOf as Schema[]).filter((sub) => matches(sub, value, root)).length !== 1)
    return false;
  return true;
}

const acceptsEvent = (value: unknown) => matches(segmentEventJsonSchema, value, segmentEventJsonSchema);
const acceptsDocument = (value: unknown) =>
  matches(segmentDocumentJsonSchema, value, segmentDocumentJsonSchema);

const EXAMPLES = path.resolve(__dirname, '../../../shared/examples/segment-docs');
const present = existsSync(EXAMPLES);
if (!present) console.warn(`segment examples skipped: ${EXAMPLES} does not exist`);
const examples = present ? readdirSync(EXAMPLES).filter((name) => name.endsWith('.json')) : [];
const load = (name: string) => JSON.parse(readFileSync(path.join(EXAMPLES, name), 'utf8')) as Schema;
/** Bodies posted to a per-call endpoint carry no type; the schema describes the event after injection. */
const IMPLIED: Record<string, string> = { '10': 'track', '14': 'identify' };

describe('segmentEventJsonSchema', () => {
  it('is draft-07 with no remote $ref', () => {
    expect(segmentEventJsonSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.stringify(segmentEventJsonSchema)).not.toContain('$ref');
    expect(JSON.stringify(segmentDocumentJsonSchema)).not.toMatch(/"\$ref":"(?!#\/definitions\/)/);
  });

  it('completes type from an enum and has one branch per call with its required fields', () => {
    const properties = segmentEventJsonSchema.properties as Record<string, Schema>;
    expect(properties.type?.enum).toEqual([...CALL_TYPES]);
    const branches = segmentEventJsonSchema.oneOf as Schema[];
    const required = Object.fromEntries(
      branches.map((branch) => [
        ((branch.properties as Record<string, Schema>).type as Schema).const,
        branch.required,
      ]),
    );
    expect(required).toEqual({
      track: ['type', 'event'],
      identify: ['type'],
      page: ['type'],
      screen: ['type'],
      group: ['type', 'groupId'],
      alias: ['type', 'userId', 'previousId'],
    });
  });

  it('describes the main fields for hovers', () => {
    const track = (segmentEventJsonSchema.oneOf as Schema[])[0]!.properties as Record<string, Schema>;
    for (const field of [
      'userId',
      'anonymousId',
      'messageId',
      'timestamp',
      'context',
      'integrations',
      'event',
    ])
      expect(track[field]?.description, field).toEqual(expect.any(String));
    const context = track.context!.properties as Record<string, Schema>;
    expect(context.userAgent?.description).toMatch(/Marketo/);
  });

  it.skipIf(!present).each(examples.filter((name) => !name.startsWith('09')))('accepts %s', (name) => {
    const example = load(name);
    const implied = IMPLIED[name.slice(0, 2)];
    expect(acceptsEvent(implied ? { type: implied, ...example } : example)).toBe(true);
  });

  it.skipIf(!present)('the document schema accepts the batch example', () => {
    expect(acceptsDocument(load('09-http-api-batch-envelope.json'))).toBe(true);
  });

  it('rejects a track without event, an event without ids, an unknown type, a long messageId', () => {
    const ok = { type: 'track', userId: 'u', event: 'E' };
    expect(acceptsEvent(ok)).toBe(true);
    expect(acceptsEvent({ type: 'track', userId: 'u' })).toBe(false);
    expect(acceptsEvent({ type: 'track', event: 'E' })).toBe(false);
    expect(acceptsEvent({ type: 'track', userId: null, anonymousId: 'a', event: 'E' })).toBe(true);
    expect(acceptsEvent({ ...ok, type: 'purchase' })).toBe(false);
    expect(acceptsEvent({ ...ok, messageId: 'm'.repeat(101) })).toBe(false);
    expect(acceptsEvent({ ...ok, integrations: { Marketo: 'yes' } })).toBe(false);
    expect(acceptsEvent({ type: 'alias', userId: 'u' })).toBe(false);
    expect(acceptsEvent({ type: 'group', userId: 'u' })).toBe(false);
    expect(acceptsDocument([ok, ok])).toBe(true);
    expect(acceptsDocument({ batch: [ok, { type: 'track', userId: 'u' }] })).toBe(false);
  });
});
