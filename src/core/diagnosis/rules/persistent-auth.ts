// persistent-auth: the server says whether the authentication stays on the connection (Persistent-Auth).
// NTLM is connection-based: proxies that pool connections break it with 401.2s (reference/002).
import type { ExchangeRule } from '../finding';
import { finding } from '../evidence';

export const persistentAuth: ExchangeRule = {
  ids: ['persistent-auth'],
  check(context) {
    const { exchange, summary } = context;
    const index = exchange.legs.findIndex((leg) => leg.response?.persistentAuth != null);
    const value = exchange.legs[index]?.response?.persistentAuth;
    if (index < 0 || value == null) return [];
    const proxied = exchange.legs.some((leg) => (leg.response?.proxyHints.length ?? 0) > 0);
    return [
      finding('persistent-auth', context, {
        severity: proxied && summary.mechanism === 'ntlm' ? 'warning' : 'info',
        title: `Persistent-Auth: ${value}${proxied ? ' (through a proxy)' : ''}`,
        evidence: [
          { leg: index, source: 'response', name: `${exchange.legs[index]?.response?.status} Persistent-Auth`, value },
          ...exchange.legs.flatMap((leg, legIndex) =>
            (leg.response?.proxyHints ?? []).map((hint) => ({
              leg: legIndex,
              source: 'response' as const,
              name: 'proxy hint',
              value: hint,
            })),
          ),
        ],
        explanation:
          (value.trim().toLowerCase() === 'true'
            ? 'The server keeps this connection authenticated: later requests on it are not challenged again. '
            : 'The server authenticates each request (request-based Kerberos, no connection reuse of the logon). ') +
          'NTLM always authenticates the connection; a proxy or load balancer that sends the next request over another ' +
          'connection makes the server answer 401.2 and the browser loops (reference/002).',
        fixes: proxied ? [{ text: 'Make the proxy keep client and server connections paired (connection pinning), or use Kerberos.' }] : [],
      }),
    ];
  },
};
