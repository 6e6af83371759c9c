// auth-failed: the final answer is a bare 401/407 after legs the browser hid (Chromium): it either sent no token
// or sent one the server refused, and webRequest cannot say which (docs/platform-notes.md). Says so instead of guessing.
import type { ExchangeRule } from '../finding';
import { offeredEvidence, statusEvidence, verdict } from '../evidence';

export const authFailed: ExchangeRule = {
  ids: ['auth-failed'],
  check(context) {
    const { summary, exchange } = context;
    const finalStatus = exchange.finalStatus ?? exchange.legs.at(-1)?.response?.status;
    if (summary.outcome !== 'unknown' || !exchange.hiddenLegs || (finalStatus !== 401 && finalStatus !== 407)) return [];
    return [
      verdict('auth-failed', context, {
        severity: 'error',
        title: `Authentication failed (final ${finalStatus}); the browser hid whether it sent a token`,
        evidence: [...offeredEvidence(exchange), statusEvidence(exchange)],
      }),
    ];
  },
};
