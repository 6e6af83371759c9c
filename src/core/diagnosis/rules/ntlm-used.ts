// ntlm-used: NTLM where the server offered only NTLM (no Negotiate). Not a failure, but NTLM is weaker.
import type { ExchangeRule } from '../finding';
import { finding, offeredEvidence, sentEvidence, statusEvidence } from '../evidence';

export const ntlmUsed: ExchangeRule = {
  ids: ['ntlm-used'],
  check(context) {
    const { summary, exchange } = context;
    const offered = summary.offered.map((scheme) => scheme.toLowerCase());
    if (summary.mechanism !== 'ntlm' || offered.includes('negotiate') || !offered.includes('ntlm')) return [];
    return [
      finding('ntlm-used', context, {
        severity: 'info',
        title: 'NTLM used (the server offers only NTLM)',
        evidence: [...offeredEvidence(exchange), ...sentEvidence(exchange), statusEvidence(exchange)],
        explanation:
          'The server offered only "WWW-Authenticate: NTLM", so Kerberos was never possible. NTLM authenticates the TCP ' +
          'connection, not each request (a proxy that pools connections breaks it, reference/002), needs a round trip to a ' +
          'domain controller for every logon, and cannot delegate credentials to a back end (no double hop).',
        fixes: [
          {
            text: 'To use Kerberos, enable Negotiate on the server (IIS: Windows Authentication → Providers: Negotiate above NTLM) and register the SPN for the host name users type.',
            commands: ['setspn -Q HTTP/<host>'],
          },
        ],
      }),
    ];
  },
};
