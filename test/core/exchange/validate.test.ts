// What the background takes from a panel's "adopt" message: a whole, well-typed, bounded exchange or nothing.
import { describe, expect, it } from 'vitest';
import { MAX_LEGS } from '../../../src/core/exchange/limits';
import type { Exchange } from '../../../src/core/exchange/model';
import { MAX_MESSAGE_CHARS, parseExchange } from '../../../src/core/exchange/validate';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

const recorded = mainExchange(recordingOf('firefox', 'ntlm-fallback'));
const leg = recorded.legs[1] as Exchange['legs'][number];

describe('parseExchange', () => {
  it('takes every recorded exchange of both browsers as it is', () => {
    for (const browser of ['chromium', 'firefox'] as const) {
      for (const scenario of ['kerberos-ok', 'ntlm-only', 'auth-loop', 'stale-keytab']) {
        const exchange = mainExchange(recordingOf(browser, scenario));
        expect(parseExchange(JSON.parse(JSON.stringify(exchange)))).toEqual(exchange);
      }
    }
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [recorded]],
    ['no legs', { ...recorded, legs: undefined }],
    ['a leg that is a string', { ...recorded, legs: ['x'] }],
    ['a NaN start', { ...recorded, startedAt: Number.NaN }],
    ['an Infinity leg time', { ...recorded, legs: [{ ...leg, response: { ...leg.response, time: Number.POSITIVE_INFINITY } }] }],
    ['a tab id as text', { ...recorded, tabId: '3' }],
    ['another browser', { ...recorded, browser: 'netscape' }],
    ['a 20 KB method', { ...recorded, method: 'G'.repeat(20_000) }],
    ['too many legs', { ...recorded, legs: Array.from({ length: MAX_LEGS + 1 }, () => leg) }],
    [
      'a Basic password kept as a token',
      {
        ...recorded,
        legs: [
          { ...leg, request: { ...leg.request, credentials: { scheme: 'Basic', kind: 'basic', token: 'YWxpY2U6cHc=', summary: null } } },
        ],
      },
    ],
    [
      'a summary with nested objects',
      {
        ...recorded,
        legs: [
          {
            ...leg,
            request: { ...leg.request, credentials: { scheme: 'NTLM', kind: 'ntlm', token: null, summary: { kind: { evil: 1 } } } },
          },
        ],
      },
    ],
    ['a message larger than the bound', { ...recorded, url: `http://x/${'a'.repeat(MAX_MESSAGE_CHARS)}` }],
  ])('refuses %s', (_, value) => {
    expect(parseExchange(value)).toBeNull();
  });

  it('keeps only the fields it knows', () => {
    const parsed = parseExchange({
      ...recorded,
      injected: '<img src=x onerror=alert(1)>',
      legs: recorded.legs.map((item) => ({ ...item, extra: 1 })),
    });
    expect(JSON.stringify(parsed)).not.toMatch(/injected|extra/);
  });

  it('keeps "seen as its final response only" when it is true, and nothing else in its place', () => {
    expect(parseExchange({ ...recorded, finalResponseOnly: true })?.finalResponseOnly).toBe(true);
    expect(parseExchange({ ...recorded, finalResponseOnly: 'yes' })).not.toHaveProperty('finalResponseOnly');
  });
});
