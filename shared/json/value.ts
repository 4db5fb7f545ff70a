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
