import { z } from 'zod';
import { DestinationSettingsSchema } from './settings';

/**
 * The destination settings as JSON Schema (draft-07) for the settings editor's JSON tab, generated
 * from the zod schema so the form, the JSON tab and core's parser cannot disagree. Input shape
 * (defaults are optional), no remote `$ref`s.
 */
export const destinationSettingsJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(DestinationSettingsSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
})();
