// ntlm-fallback: Negotiate offered, NTLM used — raw NTLM, SPNEGO-wrapped NTLM, or NTLM after a refused Kerberos
// token.
import type { ExchangeRule } from '../finding';
import { credentialsBeforeChallenge, offeredEvidence, sentEvidence, statusEvidence, verdict } from '../evidence';

export const ntlmFallback: ExchangeRule = {
  ids: ['ntlm-fallback'],
  check(context) {
    const { summary, exchange } = context;
    // A page script that sends NTLM before any challenge chose it; that is preauth-first-request, not a fallback.
    if (credentialsBeforeChallenge(exchange)) return [];
    if (summary.mechanism !== 'ntlm' || !summary.offered.some((scheme) => scheme.toLowerCase() === 'negotiate')) return [];
    return [
      verdict('ntlm-fallback', context, {
        severity: 'warning',
        title: 'Negotiate offered, but NTLM used (Kerberos fallback)',
        evidence: [...offeredEvidence(exchange), ...sentEvidence(exchange), statusEvidence(exchange)],
      }),
    ];
  },
};
