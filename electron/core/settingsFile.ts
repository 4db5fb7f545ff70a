import { readFile } from 'node:fs/promises';
import { appendPath } from '../../shared/segment/path';
import { parseJsonText } from '../../shared/segment/validate';
import { DestinationSettingsSchema, type DestinationSettings } from '../../shared/settings';

import { err, ok, type Result } from '../../shared/result';

/** Reads a JSON file; a syntax error says where (line:column), an unreadable file says why. */
export async function readJsonFile(file: string, what: string): Promise<Result<unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return err(`cannot read ${what} ${file}${code ? ` (${code})` : ''}`);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return err(`${file}: ${parsed.error.message}`);
  return ok(parsed.value);
}

/** Reads and validates a destination settings file, naming each problem by its JSON path. */
export async function readSettingsFile(file: string): Promise<Result<DestinationSettings>> {
  const loaded = await readJsonFile(file, 'settings file');
  if (!loaded.ok) return loaded;
  const result = DestinationSettingsSchema.safeParse(loaded.value);
  if (result.success) return ok(result.data);
  const problems = result.error.issues.map(
    (issue) => `  ${appendPath('$', ...issue.path)}: ${issue.message}`,
  );
  return err(`${file} is not valid destination settings:\n${problems.join('\n')}`);
}
