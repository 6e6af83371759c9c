// credential-prompt: the browser asked the user for a name and password (onAuthRequired) instead of answering
// with the logged-on user's credentials — what users report as "the intranet site prompts me". Loops are auth-loop.
import type { ExchangeRule } from '../finding';
import { offeredEvidence, statusEvidence, verdict } from '../evidence';

export const credentialPrompt: ExchangeRule = {
  ids: ['credential-prompt'],
  check(context) {
    const { exchange, summary } = context;
    const prompt = exchange.prompts[0];
    if (!prompt || summary.outcome === 'loop') return [];
    return [
      verdict('credential-prompt', context, {
        severity: 'warning',
        title: `The browser prompted for ${prompt.isProxy ? 'proxy ' : ''}credentials (${prompt.scheme})`,
        evidence: [
          ...offeredEvidence(exchange),
          ...exchange.prompts.map((item, index) => ({
            leg: null,
            source: 'prompt' as const,
            name: `onAuthRequired #${index + 1}`,
            value: `${item.scheme} from ${item.challenger}${item.realm ? ` realm "${item.realm}"` : ''}${item.isProxy ? ' (proxy)' : ''}`,
          })),
          statusEvidence(exchange),
        ],
      }),
    ];
  },
};
