// Bundles the Node-side entries with esbuild: the CLI (ESM), Electron main (CJS) and the sandboxed
// preload (a single CJS file, since a sandboxed preload cannot require our modules).
import { build } from 'esbuild';

const targets = process.argv.slice(2);
const all = targets.length === 0;
// `module` first: jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};
// Native modules load their platform's binary at run time and cannot be bundled: the CLI finds them
// in node_modules, the packaged app in app.asar.unpacked (see electron-builder.config.cjs).
const native = ['libsql'];

const jobs = [];
if (all || targets.includes('cli')) {
  jobs.push(
    build({
      ...common,
      entryPoints: ['electron/cli/bin.ts'],
      outfile: 'dist/cli/event-tester.mjs',
      format: 'esm',
      external: native,
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
      external: ['electron', ...native],
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
if (all || targets.includes('cli') || targets.includes('web')) {
  // The browser half of `event-tester ui` (defines window.tester over fetch + SSE). Built with the
  // CLI, which serves it; a plain script, since the page loads it before the app's module.
  jobs.push(
    build({
      ...common,
      entryPoints: ['electron/web/bridge.ts'],
      outfile: 'dist/web/bridge.js',
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      sourcemap: false,
    }),
  );
}
await Promise.all(jobs);
