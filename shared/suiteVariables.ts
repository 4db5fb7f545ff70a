/**
 * Suite variables: `{{name}}` in any string of a case's event, resolved at run time (the saved file
 * keeps the placeholders). Values come from, strongest first: `--var name=value`, the environment
 * (`EVENT_TESTER_VAR_<name>`), the file's `variables`. Generated ones: `{{$uuid}}`,
 * `{{$timestamp}}` (ISO time) and `{{$randomEmail}}`, new per case; a file variable may be a
 * generated one (`"email": "{{$randomEmail}}"`), resolved once per run so every case of the run
 * talks about the same person.
 */
import { err, ok, type Result } from './result';

const PLACEHOLDER = /\{\{\s*(\$?[A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
export const ENV_VARIABLE_PREFIX = 'EVENT_TESTER_VAR_';
export interface Generators {
  uuid(): string;
  timestamp(): string;
  randomEmail(): string;
}

/** Each generated name and its generator: the one list the resolver and the editor both read. */
const GENERATOR_OF = new Map<string, keyof Generators>([
  ['$uuid', 'uuid'],
  ['$timestamp', 'timestamp'],
  ['$randomEmail', 'randomEmail'],
]);

/** Names the runner generates, new per case: a file variable cannot take one (its names never start with $). */
export const GENERATED_VARIABLES: readonly string[] = [...GENERATOR_OF.keys()];

export function defaultGenerators(now: () => Date = () => new Date()): Generators {
  const uuid = () => globalThis.crypto.randomUUID();
  return {
    uuid,
    timestamp: () => now().toISOString(),
    randomEmail: () => `test+${uuid().slice(0, 12)}@example.com`,
  };
}

/** Generated values, one per name within one scope (a case, or the run for file variables). */
function generatedScope(generators: Generators): (name: string) => string | undefined {
  const made = new Map<string, string>();
  return (name) => {
    if (made.has(name)) return made.get(name);
    const generator = GENERATOR_OF.get(name);
    if (!generator) return undefined;
    const value = generators[generator]();
    made.set(name, value);
    return value;
  };
}

/** The run's variables: file < environment < --var, with generated values resolved once. */
export function runVariables(
  fromFile: Readonly<Record<string, string>> | undefined,
  overrides: ReadonlyMap<string, string>,
  env: Readonly<Record<string, string | undefined>>,
  generators: Generators,
): Result<Map<string, string>> {
  const merged = new Map<string, string>(Object.entries(fromFile ?? {}));
  for (const [key, value] of Object.entries(env))
    if (key.startsWith(ENV_VARIABLE_PREFIX) && value !== undefined)
      merged.set(key.slice(ENV_VARIABLE_PREFIX.length), value);
  for (const [key, value] of overrides) merged.set(key, value);
  const generated = generatedScope(generators);
  const resolved = new Map<string, string>();
  for (const [key, value] of merged) {
    const text = substitute(value, (name) => (name.startsWith('$') ? generated(name) : undefined));
    if (!text.ok) return err(`variable ${key}: ${text.error}`);
    resolved.set(key, text.value);
  }
  return ok(resolved);
}

function substitute(text: string, lookup: (name: string) => string | undefined): Result<string> {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = lookup(name);
    if (value === undefined) missing.push(name);
    return value ?? whole;
  });
  return missing.length > 0
    ? err(`no value for ${[...new Set(missing)].map((n) => `{{${n}}}`).join(', ')}`)
    : ok(out);
}

/**
 * A copy of `value` with every placeholder in its strings (keys too) replaced. An unknown name is an
 * error naming it, so a case is never sent with `{{email}}` as someone's email.
 */
export function resolvePlaceholders(
  value: unknown,
  variables: ReadonlyMap<string, string>,
  generators: Generators,
): Result<unknown> {
  const generated = generatedScope(generators);
  const lookup = (name: string) => (name.startsWith('$') ? generated(name) : variables.get(name));
  const missing = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const text = substitute(node, lookup);
      if (!text.ok)
        for (const m of node.matchAll(PLACEHOLDER)) if (lookup(m[1]!) === undefined) missing.add(m[1]!);
      return text.ok ? text.value : node;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const k = walk(key) as string;
        Object.defineProperty(out, k, {
          value: walk(child),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
      return out;
    }
    return node;
  };
  const result = walk(value);
  if (missing.size > 0)
    return err(
      `no value for ${[...missing].map((n) => `{{${n}}}`).join(', ')}: define it under "variables", pass --var ${[...missing][0]}=..., or set ${ENV_VARIABLE_PREFIX}${[...missing][0]}`,
    );
  return ok(result);
}

/**
 * Every `{{name}}` in `value`'s strings (keys too), in first-seen order: what a run will have to
 * resolve. The same pattern the resolver substitutes, so the two never disagree about a name.
 */
export function placeholderNames(value: unknown): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(PLACEHOLDER)) names.add(m[1]!);
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        walk(key);
        walk(child);
      }
  };
  walk(value);
  return [...names];
}

/** `k=v` pairs from the command line (or the app's run dialog). */
export function parseVariableAssignments(pairs: readonly string[]): Result<Map<string, string>> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) return err(`--var takes name=value, got '${pair}'`);
    out.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return ok(out);
}
