// `npm test`: everything — Debian packages for the real-browser tests, typecheck, lint, format, unit tests
// (with the fuzz smoke run), build, then the real-browser and built-CLI tests. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from '../tools/setup/debian-packages.mjs';

const npx = (args) => spawnSync('npx', args, { stdio: 'inherit' }).status === 0;

/** Runs one vitest config and returns its counts from the JSON report. */
function vitest(config) {
  const dir = mkdtempSync(join(tmpdir(), 'authscope-vitest-'));
  const report = join(dir, 'report.json');
  spawnSync('npx', ['vitest', 'run', '-c', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    stdio: 'inherit',
  });
  const counts = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : { numPassedTests: 0, numFailedTests: 1 };
  rmSync(dir, { recursive: true, force: true });
  // A test that passed on retry keeps the errors of its failed attempts: print them, so a flaky run leaves a trace.
  for (const file of counts.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'passed' || !test.failureMessages?.length) continue;
      const first = test.failureMessages[0].split('\n').slice(0, 6).join('\n    ');
      console.log(`\npassed on retry: ${test.fullName}\n  first attempt failed:\n    ${first}`);
    }
  }
  return {
    passed: counts.numPassedTests,
    failed: counts.numFailedTests + (counts.success === false && counts.numFailedTests === 0 ? 1 : 0),
  };
}

const packages = ensureDebianPackages();
if (packages.missing.length > 0) {
  console.error(
    `The real-browser tests need Debian packages that are missing: ${packages.missing.join(', ')}.\nRun:\n  ${packages.command}`,
  );
  process.exit(1);
}
const steps = [
  ['typecheck', () => npx(['tsc', '--noEmit', '-p', 'tsconfig.json'])],
  ['lint', () => npx(['eslint', '.', '--max-warnings', '0'])],
  ['format', () => npx(['prettier', '--check', '.', '--log-level', 'warn'])],
];
let passed = 0;
let failed = 0;
for (const [name, run] of steps) {
  console.log(`\n== ${name}`);
  if (run()) passed++;
  else {
    failed++;
    console.error(`${name} failed`);
  }
}
console.log('\n== unit tests (vitest, includes the fuzz smoke run)');
const unit = vitest('vitest.config.ts');
console.log('\n== build');
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status === 0;
if (!built) failed++;
console.log('\n== real-browser and built-CLI tests (vitest.e2e.config.ts)');
const e2e = built ? vitest('vitest.e2e.config.ts') : { passed: 0, failed: 1 };
passed += unit.passed + e2e.passed;
failed += unit.failed + e2e.failed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
