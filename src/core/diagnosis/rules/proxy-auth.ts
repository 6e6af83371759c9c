// proxy-auth: a proxy asked for Windows authentication (407 with Proxy-Authenticate: Negotiate / NTLM).
import type { ExchangeRule } from '../finding';
import { finding, offeredEvidence, sentEvidence, statusEvidence } from '../evidence';

export const proxyAuth: ExchangeRule = {
  ids: ['proxy-auth'],
  check(context) {
    const { exchange, summary } = context;
    const windowsSchemes = ['negotiate', 'ntlm'];
    const challenged = exchange.legs.some(
      (leg) =>
        leg.response?.status === 407 && leg.response.proxyChallenges.some((item) => windowsSchemes.includes(item.scheme.toLowerCase())),
    );
    if (!challenged) return [];
    const ok = summary.outcome === 'authenticated';
    return [
      finding('proxy-auth', context, {
        severity: ok ? 'info' : 'error',
        title: ok ? 'Proxy authentication (407) succeeded' : 'Proxy authentication (407) failed',
        evidence: [...offeredEvidence(exchange), ...sentEvidence(exchange), statusEvidence(exchange)],
        explanation:
          'A proxy between the browser and the site asked for Windows authentication with 407 Proxy-Authenticate. The ' +
          'same rules apply as for sites — the proxy’s SPN (HTTP/proxy-host), trust for default credentials, NTLM being ' +
          'connection-bound — but the credentials go to the proxy, not to the site.' +
          (exchange.prompts.some((prompt) => prompt.isProxy) ? ' The browser prompted for proxy credentials.' : ''),
        fixes: ok
          ? []
          : [
              {
                text: 'Check the proxy host’s SPN and that the proxy is trusted for default credentials (AuthServerAllowlist covers proxies too).',
              },
            ],
      }),
    ];
  },
};
