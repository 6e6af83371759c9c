// proxy-auth: a proxy asked for Windows authentication (407 with Proxy-Authenticate: Negotiate / NTLM).
import type { ExchangeRule } from '../finding';
import { offeredEvidence, sentEvidence, statusEvidence, verdict } from '../evidence';

const WINDOWS_SCHEMES = ['negotiate', 'ntlm'];

export const proxyAuth: ExchangeRule = {
  ids: ['proxy-auth'],
  check(context) {
    const { exchange, summary } = context;
    const challenged = exchange.legs.some(
      (leg) =>
        leg.response?.status === 407 && leg.response.proxyChallenges.some((item) => WINDOWS_SCHEMES.includes(item.scheme.toLowerCase())),
    );
    if (!challenged) return [];
    const ok = summary.outcome === 'authenticated';
    return [
      verdict('proxy-auth', context, {
        severity: ok ? 'info' : 'error',
        title: ok ? 'Proxy authentication (407) succeeded' : 'Proxy authentication (407) failed',
        evidence: [...offeredEvidence(exchange), ...sentEvidence(exchange), statusEvidence(exchange)],
      }),
    ];
  },
};
