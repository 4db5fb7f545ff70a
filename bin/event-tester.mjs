#!/usr/bin/env node
// The CLI is bundled by `npm run build:cli` into dist/cli; this shim keeps `npx event-tester` stable.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/event-tester.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('event-tester: the CLI is not built yet; run `npm run build:cli` first.\n');
  process.exit(2);
}
await import(bundle);
