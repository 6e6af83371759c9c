// Advice for proxy-auth (rules/proxy-auth.ts).
import type { Adviser } from '../finding';
import { advice } from './common';

export const proxyAuthAdvice: Adviser = (verdict, { exchange }) =>
  advice(
    'A proxy between the browser and the site asked for Windows authentication with 407 Proxy-Authenticate. The ' +
      'same rules apply as for sites — the proxy’s SPN (HTTP/proxy-host), trust for default credentials, NTLM being ' +
      'connection-bound — but the credentials go to the proxy, not to the site.' +
      (exchange.prompts.some((prompt) => prompt.isProxy) ? ' The browser prompted for proxy credentials.' : ''),
    {
      fixes:
        verdict.severity === 'info'
          ? []
          : [
              {
                text: 'Check the proxy host’s SPN and that the proxy is trusted for default credentials (AuthServerAllowlist covers proxies too).',
              },
            ],
    },
  );
