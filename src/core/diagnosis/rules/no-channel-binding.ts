// no-channel-binding: NTLM over HTTPS whose AUTHENTICATE binds to no TLS channel — no MsvAvChannelBindings, or an
// all-zero one (MS-NLMP §2.2.2.1, §3.1.5.1.2; RFC 5929 tls-server-end-point). A server with Extended Protection
// for Authentication set to Required refuses it; so does any server behind a TLS-terminating proxy whose client
// binds to the proxy's certificate. Read from the AUTHENTICATE itself, so only where the browser shows its token.
import type { ExchangeRule } from '../finding';
import { sentItems, statusEvidence, verdict } from '../evidence';

export const noChannelBinding: ExchangeRule = {
  ids: ['no-channel-binding'],
  check(context) {
    const { exchange } = context;
    if (!exchange.url.startsWith('https:')) return [];
    const unbound = sentItems(exchange).find(
      ({ item }) => item.summary?.ntlmChannelBindings === 'absent' || item.summary?.ntlmChannelBindings === 'zero',
    );
    if (!unbound) return [];
    const state = unbound.item.summary?.ntlmChannelBindings === 'zero' ? 'all zero (bound to no channel)' : 'absent';
    return [
      verdict('no-channel-binding', context, {
        severity: 'warning',
        title: 'NTLM over HTTPS without channel binding: refused where Extended Protection is Required',
        evidence: [
          { leg: unbound.leg, source: 'token', name: 'NTLM AUTHENTICATE MsvAvChannelBindings', value: state },
          { leg: null, source: 'summary', name: 'URL scheme', value: 'https' },
          statusEvidence(exchange),
        ],
      }),
    ];
  },
};
