import type { JsonPath } from './path';

/** A plain JSON object (not null, not an array): the one check every reader of JSON shares. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value at `path`, or undefined when a step is missing. Own keys only: a user's key such as
 * "constructor" or "__proto__" must never reach Object.prototype.
 */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    // An array's own keys include "length"; only an index reaches into it.
    if (Array.isArray(node) && !/^\d+$/.test(String(key))) return undefined;
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * `root` with the value at `path` set (`undefined` removes it), copying only the containers on the
 * path, so a view of a large document can follow a one-field edit without parsing it again. Missing
 * objects on the way are created; null when the path goes through a value that is not a container
 * (or past an array's end), where the caller must read the text again instead.
 */
export function withValueAt(root: unknown, path: JsonPath, value: unknown): unknown | null {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [PathKey, ...PathKey[]];
  if (Array.isArray(root)) {
    if (typeof key !== 'number' || key > root.length) return null;
    const child = withValueAt(root[key], rest, value);
    if (child === null) return null;
    const copy = [...root];
    if (child === undefined && rest.length === 0) copy.splice(key, 1);
    else copy[key] = child;
    return copy;
  }
  if (root !== undefined && !isRecord(root)) return null;
  const object = root ?? {};
  const name = String(key);
  // Removing what is not there changes nothing (and must not create the containers on the way).
  if (value === undefined && !Object.hasOwn(object, name)) return root;
  const child = withValueAt(Object.hasOwn(object, name) ? object[name] : undefined, rest, value);
  if (child === null) return null;
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(object)) if (k !== name || child !== undefined) define(copy, k, object[k]);
  if (child !== undefined) define(copy, name, child);
  return copy;
}

type PathKey = JsonPath[number];

/** An own data property, even for "__proto__" (assignment would set the prototype instead). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
