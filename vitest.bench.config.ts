import { defineConfig } from 'vitest/config';

/** `npm run bench:store`: timings printed, never asserted, so a slow machine does not fail a build. */
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
  },
});
