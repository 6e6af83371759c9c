// Bounds on one exchange: a 50,000-leg loop keeps its first and latest legs and counts the rest; an exchange too
// large for the store loses its raw tokens first, then legs from the middle, and says so.
import { describe, expect, it } from 'vitest';
import { Capture } from '../../../src/core/exchange/capture';
import type { CaptureEvent } from '../../../src/core/exchange/events';
import { KEPT_FIRST_LEGS, MAX_LEGS, fitForStorage } from '../../../src/core/exchange/limits';
import { hasRawTokens } from '../../../src/core/exchange/raw-tokens';
import { summarizeExchange } from '../../../src/core/exchange/summary';
import { labToken } from '../../helpers/fixtures';

const identity = {
  requestId: 'loop',
  url: 'http://legacy.example/loop/',
  method: 'GET',
  resourceType: 'main_frame',
  tabId: 1,
  frameId: 0,
  initiator: null,
};

/** A Firefox-style loop: NTLM NEGOTIATE answered 401 over and over. */
function loop(legs: number): CaptureEvent[] {
  const events: CaptureEvent[] = [];
  for (let index = 0; index < legs; index++) {
    events.push({
      type: 'request-headers',
      time: 2 * index,
      headers: index === 0 ? [] : [{ name: 'Authorization', value: `NTLM ${labToken('chromium-ntlm-negotiate')}` }],
      ...identity,
    });
    events.push({
      type: 'response-headers',
      time: 2 * index + 1,
      statusCode: 401,
      statusLine: 'HTTP/1.1 401',
      headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }],
      ...identity,
    });
  }
  events.push({ type: 'completed', requestId: 'loop', time: 2 * legs, statusCode: 401 });
  return events;
}

describe('exchange limits', () => {
  it('a 50,000-leg loop keeps its first and its latest legs, counts the dropped ones, and is still a loop', () => {
    const capture = new Capture({ browser: 'firefox', keepRawTokens: true });
    let exchange = null;
    for (const event of loop(50_000)) exchange = capture.apply(event) ?? exchange;
    expect(exchange?.legs).toHaveLength(MAX_LEGS);
    expect(exchange?.droppedLegs).toBe(50_000 - MAX_LEGS);
    expect(exchange?.legs[KEPT_FIRST_LEGS - 1]?.response?.time).toBe(2 * (KEPT_FIRST_LEGS - 1) + 1);
    expect(exchange?.legs.at(-1)?.response?.time).toBe(2 * 49_999 + 1);
    expect(exchange && summarizeExchange(exchange).outcome).toBe('loop');
  });

  it('an exchange too large for the store drops raw tokens first, then middle legs, and says so', () => {
    const capture = new Capture({ browser: 'firefox', keepRawTokens: true });
    let exchange = null;
    for (const event of loop(60)) exchange = capture.apply(event) ?? exchange;
    if (!exchange) throw new Error('no exchange');
    expect(fitForStorage(exchange)).toBe(exchange);
    const fitted = fitForStorage(exchange, 12_000);
    expect(hasRawTokens(fitted)).toBe(false);
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(12_000);
    expect(fitted.droppedLegs).toBeGreaterThan(0);
    expect(fitted.truncated).toEqual(['raw tokens dropped: the exchange was larger than 12 KB']);
  });
});
