// auth-loop: repeated 401s after credentials or three prompts (“Troubleshoot Kerberos failures in Internet Explorer”: "three prompts then 401").
import type { ExchangeRule } from '../finding';
import { offeredEvidence, sentEvidence, statusEvidence, verdict } from '../evidence';

export const authLoop: ExchangeRule = {
  ids: ['auth-loop'],
  check(context) {
    const { summary, exchange } = context;
    if (summary.outcome !== 'loop') return [];
    return [
      verdict('auth-loop', context, {
        severity: 'error',
        title: `Authentication loop: ${exchange.prompts.length > 0 ? `${exchange.prompts.length} credential prompts` : 'repeated 401s after credentials'}`,
        evidence: [
          ...offeredEvidence(exchange),
          ...sentEvidence(exchange).slice(0, 4),
          ...exchange.prompts.slice(0, 3).map((prompt, index) => ({
            leg: null,
            source: 'prompt' as const,
            name: `onAuthRequired #${index + 1}`,
            value: `${prompt.scheme} from ${prompt.challenger}${prompt.isProxy ? ' (proxy)' : ''}`,
          })),
          ...(exchange.error ? [{ leg: null, source: 'error' as const, name: 'error', value: exchange.error }] : []),
          statusEvidence(exchange),
        ],
      }),
    ];
  },
};
