// persistent-auth: the server says whether the authentication stays on the connection (Persistent-Auth).
// NTLM is connection-based: proxies that pool connections break it with 401.2s (“HOWTO: Diagnose 401.x HTTP errors on IIS”).
import type { Exchange } from '../../exchange/model';
import type { ExchangeRule } from '../finding';
import { verdict } from '../evidence';

/** True when a response showed a proxy on the way (Via, proxy headers). */
export const throughProxy = (exchange: Exchange): boolean => exchange.legs.some((leg) => (leg.response?.proxyHints.length ?? 0) > 0);

export const persistentAuth: ExchangeRule = {
  ids: ['persistent-auth'],
  check(context) {
    const { exchange, summary } = context;
    const index = exchange.legs.findIndex((leg) => leg.response?.persistentAuth != null);
    const value = exchange.legs[index]?.response?.persistentAuth;
    if (index < 0 || value == null) return [];
    const proxied = throughProxy(exchange);
    return [
      verdict('persistent-auth', context, {
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
      }),
    ];
  },
};
