// ntlm-used: NTLM where the server offered only NTLM (no Negotiate). Not a failure, but NTLM is weaker.
import type { ExchangeRule } from '../finding';
import { offeredEvidence, sentEvidence, statusEvidence, verdict } from '../evidence';

export const ntlmUsed: ExchangeRule = {
  ids: ['ntlm-used'],
  check(context) {
    const { summary, exchange } = context;
    const offered = summary.offered.map((scheme) => scheme.toLowerCase());
    if (summary.mechanism !== 'ntlm' || offered.includes('negotiate') || !offered.includes('ntlm')) return [];
    return [
      verdict('ntlm-used', context, {
        severity: 'info',
        title: 'NTLM used (the server offers only NTLM)',
        evidence: [...offeredEvidence(exchange), ...sentEvidence(exchange), statusEvidence(exchange)],
      }),
    ];
  },
};
