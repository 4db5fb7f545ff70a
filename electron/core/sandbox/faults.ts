import { z } from 'zod';
import type { FaultKind, FaultRule, FaultScope } from './types';

const KINDS = [
  '601',
  '602',
  '606',
  '615',
  '611',
  '604',
  '608',
  '719',
  '502',
  'reset',
  'store-reset',
  'delay',
] as const satisfies readonly FaultKind[];
const SCOPES = [
  'any',
  'identity',
  'leads',
  'activities',
  'activity-reads',
  'activity-describe',
] as const satisfies readonly FaultScope[];

export const FaultRuleSchema = z
  .object({
    kind: z.enum(KINDS),
    scope: z.enum(SCOPES).optional(),
    count: z.number().int().positive().optional(),
    share: z.number().min(0).max(1).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict()
  .refine((rule) => rule.kind !== 'delay' || rule.delayMs !== undefined, {
    message: "a 'delay' fault needs delayMs",
    path: ['delayMs'],
  });

/** Which part of the API a call belongs to. */
export type CallScope =
  'identity' | 'leads' | 'activities' | 'activity-reads' | 'activity-describe' | 'other';

// Token and limit errors are REST answers: the identity endpoint is never rate limited and issues
// tokens rather than checking them, so these kinds skip it even under scope 'any'.
const NOT_FOR_IDENTITY: ReadonlySet<FaultKind> = new Set([
  '601',
  '602',
  '606',
  '615',
  '608',
  '719',
  'store-reset',
]);

interface ActiveRule {
  rule: FaultRule;
  remaining: number | undefined;
}

/**
 * Switchable faults. Rules are tried in the order they were added; the first that fires wins.
 * `count` rules fire on the next N matching calls, `share` rules on that share of them (drawn from
 * `random`), and a rule with neither fires on every matching call until cleared.
 */
export class FaultStore {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    const parsed = FaultRuleSchema.parse(rule);
    this.rules.push({ rule: parsed, remaining: parsed.count });
  }

  clear(): void {
    this.rules = [];
  }

  /** Active rules; `count` shows how many firings are left. */
  list(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) =>
      remaining === undefined ? { ...rule } : { ...rule, count: remaining },
    );
  }

  /** The fault to inject into this call, if any; consumes one firing of a `count` rule. */
  pick(scope: CallScope): FaultRule | null {
    for (const active of this.rules) {
      if (!applies(active.rule, scope)) continue;
      if (active.rule.share !== undefined && !(this.random() < active.rule.share)) continue;
      if (active.remaining !== undefined) {
        active.remaining -= 1;
        if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
      }
      return { ...active.rule };
    }
    return null;
  }
}

function applies(rule: FaultRule, scope: CallScope): boolean {
  if (scope === 'identity' && NOT_FOR_IDENTITY.has(rule.kind)) return false;
  const wanted = rule.scope ?? 'any';
  return wanted === 'any' || wanted === scope;
}
