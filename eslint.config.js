// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';

/**
 * Import boundaries (design.md, Layout). A wrong import fails lint, and so CI:
 *   shared/          imports nothing of ours and no Node or Electron
 *   electron/core/   shared/ and Node only, never `electron`
 *   electron/cli/    core and shared, never `electron`
 *   electron/preload `electron` and shared only
 *   electron/main    `electron`, core and shared
 *   renderer/        shared/ and browser code only
 *   electron/web/    core, shared and Node, never `electron` (a host like main, without Electron);
 *                    its bridge (bridge.ts, bridge/, wire.ts) is browser code: shared only
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (patterns, names = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({
        name,
        message: 'This import crosses a layer boundary (see design.md, Layout).',
      })),
      patterns: patterns.map((group) => ({
        group: [group],
        message: 'This import crosses a layer boundary (see design.md, Layout).',
      })),
    },
  ],
});

/**
 * Renderer features (renderer/src/features/<name>/) are entered only through their index.ts: a
 * deep import from outside a feature (`features/x/y`, or `../x/y` from a sibling) fails lint.
 * One config block per feature, so each may still reach its own files.
 */
const rendererBoundary = restrict(['**/electron/**', '**/test/**'], ['electron', ...nodeBuiltins]);
const features = readdirSync(new URL('./renderer/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const deepImport = (regex) => ({
  regex,
  message:
    "Import another feature through its index (e.g. '../editor'), not its internals (design.md, Renderer shell).",
});
const withDeepImportBan = (regexes) => {
  const [level, options] = rendererBoundary['no-restricted-imports'];
  return {
    'no-restricted-imports': [
      level,
      { ...options, patterns: [...options.patterns, ...regexes.map(deepImport)] },
    ],
  };
};
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const featureBlocks = features.map((name) => {
  const others = features.filter((other) => other !== name).map(escapeRegex);
  return {
    files: [`renderer/src/features/${name}/**/*.{ts,tsx}`],
    rules: withDeepImportBan([
      // `../lifecycle/x`, `../../features/lifecycle/x`: a sibling's internals.
      ...(others.length > 0 ? [`^(\\.\\./)+(features/)?(${others.join('|')})/.+`] : []),
    ]),
  };
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'docs/', 'bin/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(['**/electron/**', '**/renderer/**', '**/test/**'], ['electron', ...nodeBuiltins]),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      ['**/main/**', '**/preload/**', '**/cli/**', '**/renderer/**', 'electron/*'],
      ['electron'],
    ),
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: restrict(['**/main/**', '**/preload/**', '**/renderer/**', 'electron/*'], ['electron']),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(['**/core/**', '**/main/**', '**/cli/**', '**/renderer/**'], nodeBuiltins),
  },
  { files: ['electron/main/**/*.ts'], rules: restrict(['**/cli/**', '**/preload/**', '**/renderer/**']) },
  {
    files: ['electron/web/**/*.ts'],
    ignores: ['electron/web/bridge.ts', 'electron/web/bridge/**', 'electron/web/wire.ts'],
    rules: restrict(
      ['**/main/**', '**/preload/**', '**/cli/**', '**/renderer/**', 'electron/*'],
      ['electron'],
    ),
  },
  {
    files: ['electron/web/bridge.ts', 'electron/web/bridge/**/*.ts', 'electron/web/wire.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      ['**/core/**', '**/main/**', '**/preload/**', '**/cli/**', '**/renderer/**', 'electron/*'],
      ['electron', ...nodeBuiltins],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Outside the features (shell, commands, App): `./features/x/y` is a deep import.
      ...withDeepImportBan(['(^|/)features/[^/]+/.+']),
    },
  },
  ...featureBlocks,
);
