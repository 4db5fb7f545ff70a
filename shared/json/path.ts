/**
 * The one JSON path of the project. In code a path is a `JsonPath` (keys and indexes); printed, it
 * is always JSONPath-like: `$`, `$.batch[1].userId`, `$.integrations["Marketo v2"]`. Keys that are
 * not plain identifiers use bracket notation so the printed path stays unambiguous and parses back.
 * Destination settings name event fields in dot form (`traits.email`); `fromDotPath` reads that
 * input into the same type, so the planner, validation, lint and the editor share one path.
 */
export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends segments to a printed path (`$` for the root). */
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

/** The printed form of a path. */
export const formatPath = (path: JsonPath): string => appendPath('$', ...path);

/** A printed path back to segments; null when the text is not a path this module prints. */
export function parsePath(printed: string): PathSegment[] | null {
  let rest = printed.trim();
  if (!rest.startsWith('$')) return null;
  rest = rest.slice(1);
  const segments: PathSegment[] = [];
  while (rest.length > 0) {
    let match = /^\.([A-Za-z_$][A-Za-z0-9_$]*)/.exec(rest);
    if (match) segments.push(match[1] as string);
    else if ((match = /^\[(\d+)\]/.exec(rest))) segments.push(Number(match[1]));
    else if ((match = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest))) segments.push(JSON.parse(match[1]!) as string);
    else return null;
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/** A settings-style dot path (`traits.address.city`, relative to the event) as segments. */
export const fromDotPath = (dotted: string): PathSegment[] => dotted.split('.');
