import { appendPath } from '../../shared/json/path';
import { readInputFile } from './inputFile';
import { parseJsonText } from '../../shared/segment/validate';
import { DestinationSettingsSchema, type DestinationSettings } from '../../shared/settings';

import { err, ok, type Result } from '../../shared/result';

/** Reads a JSON file; a syntax error says where (line:column), an unreadable file says why. */
export async function readJsonFile(file: string, what: string): Promise<Result<unknown>> {
  const read = await readInputFile(file, what);
  if (!read.ok) return read;
  const parsed = parseJsonText(read.value);
  if (!parsed.ok) return err(`${file}: ${parsed.error.message}`);
  return ok(parsed.value);
}

/** Reads and validates a destination settings file, naming each problem by its JSON path. */
export async function readSettingsFile(file: string): Promise<Result<DestinationSettings>> {
  const loaded = await readJsonFile(file, 'settings file');
  if (!loaded.ok) return loaded;
  const result = DestinationSettingsSchema.safeParse(loaded.value);
  if (result.success) return ok(result.data);
  const problems = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(
          (key) =>
            `  ${appendPath('$', ...issue.path, key)}: unknown key ${JSON.stringify(key)}${nearKey(key, issue.path)}`,
        )
      : [`  ${appendPath('$', ...issue.path)}: ${issue.message}`],
  );
  return err(`${file} is not valid destination settings:\n${problems.join('\n')}`);
}

const KNOWN_KEYS: Record<string, readonly string[]> = {
  settings: Object.keys(DestinationSettingsSchema.shape),
  limits: ['callsPer20s', 'maxInFlight'],
  retry: ['maxAttempts', 'baseDelayMs', 'maxDelayMs'],
  readBack: ['pollMs', 'intervalMs'],
  mapping: ['activityTypeId', 'primaryProperty', 'attributes'],
  lookup: ['field', 'from'],
};

/** "(did you mean "activities"?)" for a key that differs from a known one only in case or a letter or two. */
function nearKey(key: string, path: readonly PropertyKey[]): string {
  const parent = String(path[0] ?? '');
  const group =
    path.length === 0
      ? 'settings'
      : parent === 'activities' || parent === 'page'
        ? 'mapping'
        : parent === 'leadLookup'
          ? 'lookup'
          : parent;
  const known = Object.hasOwn(KNOWN_KEYS, group) ? KNOWN_KEYS[group]! : [];
  const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
  return near ? ` (did you mean ${JSON.stringify(near)}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
