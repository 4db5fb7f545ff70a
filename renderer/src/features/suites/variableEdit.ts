import { GENERATED_VARIABLES, placeholderNames } from '../../../../shared/suiteVariables';
import type { SuiteFile } from '../../../../shared/suites';
import { variableNameProblem } from '../../../../shared/suites';
import { err, ok, type Result } from '../../../../shared/result';

/**
 * The suite's variables as pure edits. Names are user text, so the variables are handled as a Map
 * (order kept: a rename stays in place) and turned back into the file's object with own properties
 * only. A refused edit says why in the words the file's schema would use.
 */
export type Variables = ReadonlyMap<string, string>;

export function variablesOf(suite: SuiteFile): Map<string, string> {
  return new Map(Object.entries(suite.variables ?? {}));
}

/** The suite with these variables; none at all drops the key, as a hand-written file would. */
export function withVariables(suite: SuiteFile, variables: Variables): SuiteFile {
  return { ...suite, variables: variables.size > 0 ? Object.fromEntries(variables) : undefined };
}

function nameProblem(variables: Variables, name: string, except?: string): string | null {
  if (name !== except && variables.has(name)) return `there is already a variable named ${name}`;
  return variableNameProblem(name);
}

export function addVariable(variables: Variables, name: string, value: string): Result<Variables> {
  const problem = nameProblem(variables, name);
  if (problem) return err(problem);
  return ok(new Map([...variables, [name, value]]));
}

/** The variable keeps its place and value under its new name. */
export function renameVariable(variables: Variables, from: string, to: string): Result<Variables> {
  if (!variables.has(from)) return err(`there is no variable named ${from}`);
  if (from === to) return ok(variables);
  const problem = nameProblem(variables, to, from);
  if (problem) return err(problem);
  return ok(new Map([...variables].map(([name, value]) => [name === from ? to : name, value] as const)));
}

export function setVariableValue(variables: Variables, name: string, value: string): Variables {
  if (!variables.has(name) || variables.get(name) === value) return variables;
  return new Map([...variables].map(([n, v]) => [n, n === name ? value : v] as const));
}

export function removeVariable(variables: Variables, name: string): Variables {
  if (!variables.has(name)) return variables;
  return new Map([...variables].filter(([n]) => n !== name));
}

/** What the run cannot resolve from the file: `missing` may come from the environment or --var. */
export interface UnresolvedNames {
  /** Neither a file variable nor generated: the environment or --var must give it, or the run fails. */
  missing: string[];
  /**
   * Names nothing can give, so the run fails: a `$`-name the runner does not generate, or any
   * non-generated name inside a variable's value (values are resolved against generated names only).
   */
  unresolvable: string[];
}

const GENERATED: ReadonlySet<string> = new Set(GENERATED_VARIABLES);

/**
 * The `{{names}}` the cases use (and the variables' own values, which the runner resolves only
 * against generated names) that the suite does not define, found with the runner's own pattern.
 */
export function unresolvedNames(suite: SuiteFile): UnresolvedNames {
  const defined = variablesOf(suite);
  const missing: string[] = [];
  const unresolvable: string[] = [];
  for (const name of placeholderNames(suite.cases.map((c) => c.event))) {
    if (name.startsWith('$')) {
      if (!GENERATED.has(name)) unresolvable.push(name);
    } else if (!defined.has(name)) missing.push(name);
  }
  for (const name of placeholderNames([...defined.values()]))
    if (!GENERATED.has(name) && !unresolvable.includes(name)) unresolvable.push(name);
  return { missing, unresolvable };
}
