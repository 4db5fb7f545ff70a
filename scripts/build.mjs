// Bundles the Node-side entries with esbuild: the CLI (ESM), Electron main (CJS) and the sandboxed
// preload (a single CJS file, since a sandboxed preload cannot require our modules).
import { build } from 'esbuild';

const targets = process.argv.slice(2);
const all = targets.length === 0;
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

const jobs = [];
if (all || targets.includes('cli')) {
  jobs.push(
    build({
      ...common,
      entryPoints: ['electron/cli/bin.ts'],
      outfile: 'dist/cli/event-tester.mjs',
      format: 'esm',
      // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    }),
  );
}
if (all || targets.includes('electron')) {
  jobs.push(
    build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: 'dist/main/index.cjs',
      format: 'cjs',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: 'dist/preload/index.cjs',
      format: 'cjs',
      platform: 'browser',
      external: ['electron'],
    }),
  );
}
await Promise.all(jobs);
