import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS, fuzz, seedTokens } from '../../tools/fuzz/engine';

// 12,000 cases per target × 5 targets = 60,000 cases in every `npm test`; `npm run fuzz` runs millions.
const CASES_PER_TARGET = 12_000;

describe('fuzz: the decoders never throw', () => {
  const seeds = seedTokens();
  it.each(FUZZ_TARGETS.map((target) => [target.name, target] as const))('%s', (_, target) => {
    const report = fuzz(target, CASES_PER_TARGET, 0x5eed, seeds);
    expect(report.cases).toBe(CASES_PER_TARGET);
    expect(report.failures).toEqual([]);
  });
});
