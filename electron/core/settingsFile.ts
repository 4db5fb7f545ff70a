import { readFile } from 'node:fs/promises';
import { appendPath } from '../../shared/segment/path';
import { parseJsonText } from '../../shared/segment/validate';
import { DestinationSettingsSchema, type DestinationSettings } from '../../shared/settings';

export type JsonFileResult<T> = ({ ok: true } & T) | { ok: false; message: string };

/** Reads a JSON file; a syntax error says where (line:column), an unreadable file says why. */
export async function readJsonFile(file: string, what: string): Promise<JsonFileResult<{ value: unknown }>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `cannot read ${what} ${file}${code ? ` (${code})` : ''}` };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `${file}: ${parsed.problem.message}` };
  return { ok: true, value: parsed.value };
}

/** Reads and validates a destination settings file, naming each problem by its JSON path. */
export async function readSettingsFile(
  file: string,
): Promise<JsonFileResult<{ settings: DestinationSettings }>> {
  const loaded = await readJsonFile(file, 'settings file');
  if (!loaded.ok) return loaded;
  const result = DestinationSettingsSchema.safeParse(loaded.value);
  if (result.success) return { ok: true, settings: result.data };
  const problems = result.error.issues.map(
    (issue) => `  ${appendPath('$', ...issue.path)}: ${issue.message}`,
  );
  return { ok: false, message: `${file} is not valid destination settings:\n${problems.join('\n')}` };
}
