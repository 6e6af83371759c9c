// Unit tests (Node): core, shells through in-memory adapters, and the fuzz smoke run. Real-browser tests live
// in test/e2e and run with vitest.e2e.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
  define: { __AUTHSCOPE_VERSION__: JSON.stringify('0.0.0-test') },
});
