/**
 * axe-core in the e2e pages. The page's CSP allows only 'self' scripts, so the engine is evaluated
 * through the DevTools protocol (page.evaluate is not subject to the page's script-src), not added as
 * a <script> tag.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
let source: string | null = null;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

/**
 * Parts of the page this helper does not judge, each with its owner and why. Keep it short: every
 * entry is a known violation waiting for its fix.
 */
/** Parts of the page axe skips, each with its reason; none at present. */
export const KNOWN_EXCLUSIONS: string[] = [];

/** Runs axe-core on the page (WCAG 2.x A/AA and best practices) and returns every violation. */
export async function a11yViolations(
  page: Page,
  exclude: string[] = KNOWN_EXCLUSIONS,
): Promise<A11yViolation[]> {
  // Judge the settled state, not a colour halfway through a transition (a tooltip fading out after a
  // click reads as 1.8:1); endless animations such as spinners are left running.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource());
  return page.evaluate(async (excluded) => {
    type Axe = {
      run(
        context: { include: string[][]; exclude: string[][] },
        options: object,
      ): Promise<{
        violations: {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: unknown[]; failureSummary?: string }[];
        }[];
      }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(
      { include: [['html']], exclude: excluded.map((e) => [e]) },
      {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        },
        resultTypes: ['violations'],
      },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, exclude);
}

/** Fails with a readable list when axe finds any serious or critical violation in the page's current state. */
export async function expectNoSeriousA11yViolations(page: Page, context: string): Promise<void> {
  const violations = await a11yViolations(page);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, ' ')}`)
          .join('\n'),
    )
    .join('\n');
  expect(
    serious.map((v) => `${v.id} (${v.nodes.length})`),
    `${context}\n${report}`,
  ).toEqual([]);
}
