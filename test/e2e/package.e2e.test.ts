// The Firefox build passes Mozilla's linter (web-ext lint, the AMO validator) with 0 errors.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('store readiness', () => {
  it('web-ext lint reports 0 errors on dist/firefox', () => {
    const output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const report = JSON.parse(output) as { summary: { errors: number }; errors: { code: string }[] };
    expect(report.errors.map((error) => error.code)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
