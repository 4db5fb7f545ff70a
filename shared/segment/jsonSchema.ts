import { z } from 'zod';
import { BatchEnvelopeSchema, CALL_TYPES, SegmentEventSchema } from './schemas';

/**
 * The Segment schemas as plain JSON Schema (draft-07) for Monaco: hovers show the `description`s,
 * `type` completes from its enum. Generated from the zod schemas so the two cannot drift; what zod
 * cannot express (the identity rule lives in a refinement) is added here. No remote `$ref`s, so
 * the editor never tries to fetch anything.
 */

type JsonSchema = Record<string, unknown>;

/** Drops `propertyNames: {type: "string"}` (from z.record): JSON keys are always strings. */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    const redundant = key === 'propertyNames' && JSON.stringify(value) === JSON.stringify({ type: 'string' });
    if (!redundant) out[key] = simplify(value);
  }
  return out;
}

const toJson = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return simplify(rest) as JsonSchema;
};

const TYPE_DESCRIPTION =
  'The call type. Marketo V2 takes identify, track and page; screen, group and alias are not sent to Marketo';

/** "userId or anonymousId" (spec §1); alias has its own required userId. */
const IDENTITY = {
  anyOf: [
    { required: ['userId'], properties: { userId: { type: 'string', minLength: 1 } } },
    { required: ['anonymousId'], properties: { anonymousId: { type: 'string', minLength: 1 } } },
  ],
};

function buildEventSchema(): JsonSchema {
  const generated = toJson(SegmentEventSchema);
  const branches = (generated.oneOf ?? generated.anyOf) as JsonSchema[] | undefined;
  if (!Array.isArray(branches)) throw new Error('segment JSON Schema: expected one branch per call type');
  const withIdentity = branches.map((branch) => {
    const type = ((branch.properties as JsonSchema).type as JsonSchema).const;
    return type === 'alias' ? branch : { ...branch, ...IDENTITY };
  });
  return {
    title: 'Segment event',
    description:
      'One Segment Spec call (track, identify, page, screen, group or alias). Every call but alias needs a userId or an anonymousId.',
    type: 'object',
    properties: { type: { type: 'string', enum: [...CALL_TYPES], description: TYPE_DESCRIPTION } },
    required: ['type'],
    oneOf: withIdentity,
  };
}

export const segmentEventJsonSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  ...buildEventSchema(),
};

const EVENT_REF = { $ref: '#/definitions/segmentEvent' };

function buildDocumentSchema(): JsonSchema {
  const envelope = toJson(BatchEnvelopeSchema);
  const envelopeProperties = { ...(envelope.properties as JsonSchema) };
  envelopeProperties.batch = {
    type: 'array',
    items: EVENT_REF,
    description: 'The events, each with its "type"; the envelope context and integrations apply to all',
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Segment document',
    description: 'One event, an array of events, or an HTTP API batch envelope {"batch": [...]}',
    definitions: { segmentEvent: buildEventSchema() },
    anyOf: [
      EVENT_REF,
      { type: 'array', items: EVENT_REF },
      {
        type: 'object',
        title: 'Batch envelope',
        properties: envelopeProperties,
        required: ['batch'],
        additionalProperties: {},
      },
    ],
  };
}

export const segmentDocumentJsonSchema: JsonSchema = buildDocumentSchema();
