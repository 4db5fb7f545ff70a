/**
 * JSONPath-like locations for problems: `$`, `$.batch[1].userId`, `$.integrations["Marketo v2"]`.
 * Keys that are not plain identifiers use bracket notation so the path stays unambiguous.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function appendPath(base: string, ...segments: readonly PropertyKey[]): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else {
      const key = String(segment);
      path += IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return path;
}
