import { describe, expect, it } from 'vitest';
import { evictionPlan } from '../../../src/core/exchange/retention';

describe('evictionPlan', () => {
  it('drops nothing under the bound', () => {
    expect(evictionPlan({ 1: { count: 10, oldest: 5, bytes: 0 }, 2: { count: 10, oldest: 1, bytes: 0 } }, 20)).toEqual({});
  });

  it('trims the tab holding most beyond its share, from its oldest end, and leaves a tab within its share alone', () => {
    // Bound 16 over 3 tabs: a share of 5.33 each. Tab 2 (4 exchanges) keeps them all.
    expect(
      evictionPlan(
        { 1: { count: 10, oldest: 5, bytes: 0 }, 2: { count: 4, oldest: 1, bytes: 0 }, 3: { count: 10, oldest: 9, bytes: 0 } },
        16,
      ),
    ).toEqual({ 1: 5, 3: 3 });
  });

  it('keeps the stored size under its bound: the tab whose exchanges are large pays', () => {
    const tabs = { 1: { count: 100, oldest: 1, bytes: 100_000 }, 2: { count: 100, oldest: 2, bytes: 300_000 } };
    expect(evictionPlan(tabs, 1000, 250_000)).toEqual({ 2: 50 });
    expect(evictionPlan(tabs, 1000, 400_000)).toEqual({});
  });

  it('one hostile tab full of huge exchanges loses its own, never the other tabs’ evidence', () => {
    const quiet = { count: 20, oldest: 1, bytes: 30_000 };
    const hostile = { count: 40, oldest: 50, bytes: 1_900_000 };
    const plan = evictionPlan({ 7: quiet, 8: quiet, 9: hostile }, 2000, 1_835_008);
    expect(Object.keys(plan)).toEqual(['9']);
    expect(plan[9]).toBeLessThan(40);
  });

  it('a single tab over the bound trims its oldest', () => {
    expect(evictionPlan({ 1: { count: 30, oldest: 1, bytes: 0 } }, 20)).toEqual({ 1: 10 });
  });
});
