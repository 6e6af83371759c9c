import { describe, expect, it } from 'vitest';
import { Capture } from '../../../src/core/exchange/capture';
import type { CaptureEvent } from '../../../src/core/exchange/events';
import type { Exchange } from '../../../src/core/exchange/model';
import { hasRawTokens, withoutRawTokens } from '../../../src/core/exchange/raw-tokens';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

const ntlmOnly = recordingOf('firefox', 'ntlm-only');

function applyAll(capture: Capture, events: readonly CaptureEvent[]): Exchange[] {
  const latest = new Map<string, Exchange>();
  for (const event of events) {
    const exchange = capture.apply(event);
    if (exchange) latest.set(exchange.id, exchange);
  }
  return [...latest.values()];
}

describe('withoutRawTokens', () => {
  const exchange = mainExchange(ntlmOnly);

  it('removes every request and response token and keeps each decoded summary', () => {
    expect(exchange && hasRawTokens(exchange)).toBe(true);
    const stripped = withoutRawTokens(exchange as Exchange);
    expect(hasRawTokens(stripped)).toBe(false);
    expect(JSON.stringify(stripped)).not.toMatch(/TlRMTVNTUA/);
    expect(stripped.legs.map((leg) => leg.request?.credentials?.summary?.kind ?? null)).toEqual([
      null,
      'ntlm-negotiate',
      'ntlm-authenticate',
    ]);
    expect(stripped.legs[1]?.response?.challenges[0]?.summary?.kind).toBe('ntlm-challenge');
  });

  it('returns the same object when there is nothing to remove', () => {
    const stripped = withoutRawTokens(exchange as Exchange);
    expect(withoutRawTokens(stripped)).toBe(stripped);
  });
});

describe('Capture.setKeepRawTokens', () => {
  it('turned off mid-handshake: the open exchange loses its tokens and later legs store none', () => {
    const capture = new Capture({ browser: 'firefox', keepRawTokens: true });
    const half = Math.floor(ntlmOnly.events.length / 2);
    applyAll(capture, ntlmOnly.events.slice(0, half));
    capture.setKeepRawTokens(false);
    expect(Object.values(capture.snapshot().active).some(hasRawTokens)).toBe(false);
    const finished = applyAll(capture, ntlmOnly.events.slice(half)).find((candidate) => candidate.url === ntlmOnly.url);
    expect(finished && hasRawTokens(finished)).toBe(false);
    expect(finished?.legs.at(-1)?.request?.credentials?.summary?.kind).toBe('ntlm-authenticate');
  });
});
