// ntlm-dependency: the exchange signed in with NTLM, so it stops working where NTLM is blocked (Windows is turning
// network NTLM off by default; NTLMv1 is gone from Windows 11 24H2 and Windows Server 2025). Says why Kerberos was
// not used when the evidence shows it: an IP address, a server that offers only NTLM, or what the browser's auth
// library reported (NetLog) — the SPN unknown to the KDC, no ticket-granting ticket, the site not allowlisted.
import type { Evidence, ExchangeContext, ExchangeRule } from '../finding';
import { hostOf, offeredEvidence, sentEvidence, statusEvidence, verdict } from '../evidence';
import { isIpLiteral } from './ip-host';
import { libraryCauses, requestedSpn } from './no-token-sent';

/** Why Kerberos was not used, as the rule id that names it, or null when nothing visible says. */
export type NtlmCause = 'ip-host' | 'ntlm-only' | 'spn-unknown' | 'no-kerberos-credentials' | 'not-allowlisted';

export function ntlmCause(context: ExchangeContext): {
  readonly cause: NtlmCause | null;
  readonly evidence: Evidence[];
  readonly said: string;
} {
  const { exchange, summary } = context;
  const host = hostOf(exchange.url);
  if (isIpLiteral(host)) {
    return {
      cause: 'ip-host',
      evidence: [{ leg: null, source: 'summary', name: 'URL host', value: `${host} (an IP address)` }],
      said: 'the URL names an IP address',
    };
  }
  if (!summary.offered.some((scheme) => scheme.toLowerCase() === 'negotiate')) {
    return { cause: 'ntlm-only', evidence: offeredEvidence(exchange), said: 'the server offers only NTLM' };
  }
  const { spnUnknown, noCredentials, notAllowlisted } = libraryCauses(context);
  if (spnUnknown.length > 0) {
    return { cause: 'spn-unknown', evidence: spnUnknown, said: `the KDC does not know ${requestedSpn(context)}` };
  }
  if (noCredentials.length > 0) {
    return { cause: 'no-kerberos-credentials', evidence: noCredentials, said: 'the user had no Kerberos ticket-granting ticket' };
  }
  if (notAllowlisted.length > 0) {
    return { cause: 'not-allowlisted', evidence: notAllowlisted, said: 'the site is not allowed the user’s default credentials' };
  }
  return { cause: null, evidence: [], said: '' };
}

export const ntlmDependency: ExchangeRule = {
  ids: ['ntlm-dependency'],
  check(context) {
    const { summary, exchange } = context;
    if (summary.mechanism !== 'ntlm' || summary.outcome !== 'authenticated') return [];
    const why = ntlmCause(context);
    return [
      verdict('ntlm-dependency', context, {
        severity: 'warning',
        title: `Depends on NTLM: fails where NTLM is blocked${why.cause ? ` (Kerberos not used: ${why.said})` : ''}`,
        evidence: [...why.evidence, ...sentEvidence(exchange), statusEvidence(exchange)],
      }),
    ];
  },
};
