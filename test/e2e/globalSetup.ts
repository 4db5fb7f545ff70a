import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The e2e suite drives the built renderer. Rebuild it when it is missing or older than its sources,
 * so a test run never passes or fails against a stale bundle.
 */
const ROOT = process.cwd();
const BUILT = join(ROOT, 'dist/renderer/index.html');
const SOURCES = ['renderer', 'shared', 'vite.config.ts'];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  // The web host's bridge script (dist/web/bridge.js): small, so always rebuilt.
  const bridge = spawnSync(process.execPath, ['scripts/build.mjs', 'web'], { cwd: ROOT, stdio: 'inherit' });
  if (bridge.status !== 0) throw new Error('the bridge build failed; the e2e suite needs dist/web/bridge.js');
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  const sourcesAt = Math.max(
    ...SOURCES.filter((p) => existsSync(join(ROOT, p))).map((p) => newest(join(ROOT, p))),
  );
  if (builtAt >= sourcesAt) return;
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed; the e2e suite needs dist/renderer');
}
