// Real-browser and built-artifact tests: Debian chromium (playwright-core) and firefox-esr (puppeteer-core, BiDi)
// load dist/; run after `npm run build` (scripts/test.mjs does both). One file at a time: browsers are heavy.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Real browsers on a shared 2-core machine: one retry absorbs a slow start, a second failure is real.
    retry: 1,
  },
});
