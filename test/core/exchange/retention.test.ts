import { describe, expect, it } from 'vitest';
import { evictionPlan } from '../../../src/core/exchange/retention';

describe('evictionPlan', () => {
  it('drops nothing under the bound', () => {
    expect(evictionPlan({ 1: { count: 10, oldest: 5 }, 2: { count: 10, oldest: 1 } }, 20)).toEqual({});
  });

  it('trims the tab with the oldest exchanges first, then the next', () => {
    expect(evictionPlan({ 1: { count: 10, oldest: 5 }, 2: { count: 4, oldest: 1 }, 3: { count: 10, oldest: 9 } }, 16)).toEqual({
      2: 4,
      1: 4,
    });
  });
});
