// ip-host: the URL's host is an IP address. A browser builds the Kerberos SPN from a host name (RFC 4559 §4: it
// asks for HTTP/<hostname>); for an address Windows asks for no ticket unless TryIPSPN is set and an SPN for the
// address is registered, Chromium and Firefox elsewhere find no such principal — so it is NTLM or nothing.
import { classifyAddress } from '../../exchange/watch-scope';
import type { ExchangeRule } from '../finding';
import { hostOf, offeredEvidence, statusEvidence, verdict } from '../evidence';

/** An IPv4 literal or a bracketed IPv6 literal, as URL.hostname gives them (read by the watch scope's classifier). */
export const isIpLiteral = (host: string): boolean => classifyAddress(host) !== 'invalid';

export const ipHost: ExchangeRule = {
  ids: ['ip-host'],
  check(context) {
    const { exchange, summary } = context;
    const host = hostOf(exchange.url);
    if (!isIpLiteral(host)) return [];
    if (!summary.offered.some((scheme) => /^(negotiate|ntlm)$/i.test(scheme))) return [];
    return [
      verdict('ip-host', context, {
        severity: 'warning',
        title: `The site is addressed by IP (${host}): no Kerberos ticket is asked for, so it is NTLM or nothing`,
        evidence: [
          { leg: null, source: 'summary', name: 'URL host', value: `${host} (an IP address)` },
          ...offeredEvidence(exchange),
          statusEvidence(exchange),
        ],
      }),
    ];
  },
};
