import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: build the CLI bundle once, before any test file runs, so the integration
 * tests exercise the real built `event-tester` and never race each other rebuilding it.
 */
export default function buildCli(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`CLI build failed:\n${build.stderr}`);
}
