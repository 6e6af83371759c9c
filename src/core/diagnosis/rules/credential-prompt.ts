// credential-prompt: the browser asked the user for a name and password (onAuthRequired) instead of answering
// with the logged-on user's credentials — what users report as "the intranet site prompts me". Loops are auth-loop.
import type { ExchangeRule } from '../finding';
import { finding, hostOf, offeredEvidence, statusEvidence } from '../evidence';
import { HOW_TO_CHECK_POLICIES, allowlistPatternFor, allowlistSettings } from '../policies';

export const credentialPrompt: ExchangeRule = {
  ids: ['credential-prompt'],
  check(context) {
    const { exchange, summary } = context;
    const prompt = exchange.prompts[0];
    if (!prompt || summary.outcome === 'loop') return [];
    const host = hostOf(exchange.url);
    const pattern = allowlistPatternFor(host);
    return [
      finding('credential-prompt', context, {
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
        explanation:
          'Instead of signing in silently with the logged-on user, the browser asked for a user name and password. On ' +
          'Windows this means the site is not trusted for default credentials, or Kerberos failed and NTLM had no ' +
          'credentials to use; on Linux and macOS browsers have no logged-on Windows user for NTLM and always prompt.' +
          (prompt.scheme.toLowerCase() === 'ntlm' && summary.offered.some((scheme) => scheme.toLowerCase() === 'negotiate')
            ? ' The prompt is for NTLM although Negotiate was offered: Kerberos did not work first.'
            : ''),
        fixes: [
          {
            text: `Trust ${pattern} for default credentials. ${HOW_TO_CHECK_POLICIES}`,
            settings: allowlistSettings(host, ['network.automatic-ntlm-auth.trusted-uris', 'network.negotiate-auth.trusted-uris']),
          },
          {
            text: 'Make Kerberos work so NTLM is not needed (SPN registered for the host, user holds a TGT).',
            commands: [`setspn -Q HTTP/${host}`, 'klist'],
          },
        ],
      }),
    ];
  },
};
