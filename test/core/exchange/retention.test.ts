import { describe, expect, it } from 'vitest';
import { evictionPlan } from '../../../src/core/exchange/retention';

describe('evictionPlan', () => {
  it('drops nothing under the bound', () => {
    expect(evictionPlan({ 1: { count: 10, oldest: 5, bytes: 0 }, 2: { count: 10, oldest: 1, bytes: 0 } }, 20)).toEqual({});
  });

  it('trims the tab with the oldest exchanges first, then the next', () => {
    expect(
      evictionPlan(
        { 1: { count: 10, oldest: 5, bytes: 0 }, 2: { count: 4, oldest: 1, bytes: 0 }, 3: { count: 10, oldest: 9, bytes: 0 } },
        16,
      ),
    ).toEqual({
      2: 4,
      1: 4,
    });
  });

  it('also keeps the stored size under its bound, trimming the oldest tabs by their average exchange size', () => {
    const tabs = { 1: { count: 100, oldest: 1, bytes: 100_000 }, 2: { count: 100, oldest: 2, bytes: 300_000 } };
    expect(evictionPlan(tabs, 1000, 250_000)).toEqual({ 1: 100, 2: 17 });
    expect(evictionPlan(tabs, 1000, 400_000)).toEqual({});
  });
});
