// `npm run fuzz -- --iterations 1000000 [--seed N]`: long fuzz runs of every core decoder; prints the case count,
// the worst time per input, the outcome spread, and exits non-zero on any throw or caught decoder bug.
import { FUZZ_TARGETS, fuzz, seedTokens } from '../tools/fuzz/engine';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a non-negative integer`);
  return value;
}

const iterations = option('iterations', 100_000);
const seed = option('seed', Date.now() % 0xffffffff);
const seeds = seedTokens();
let failed = 0;
let total = 0;
console.log(`fuzz: ${iterations} cases per target, seed ${seed}, ${seeds.length} seed tokens`);
for (const target of FUZZ_TARGETS) {
  const started = performance.now();
  const report = fuzz(target, iterations, seed, seeds);
  total += report.cases;
  failed += report.failures.length;
  const top = Object.entries(report.outcomes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([outcome, count]) => `${outcome} ${((100 * count) / report.cases).toFixed(1)}%`)
    .join(', ');
  console.log(
    `${target.name.padEnd(40)} ${report.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, worst ${report.worstMicroseconds} µs (that input re-timed: ${report.worstInputRetimedMicroseconds} µs), ${report.failures.length} failures`,
  );
  console.log(`  outcomes: ${top}`);
  for (const failure of report.failures) console.log(`  FAIL ${failure}`);
}
console.log(`${total} cases, ${failed} failures`);
process.exitCode = failed === 0 ? 0 : 1;
