// private-window: Chromium blocks ambient (default-credential) authentication in Incognito / InPrivate / Guest
// windows unless AmbientAuthenticationInPrivateModesEnabled allows it; Firefox does the same unless
// network.auth.private-browsing-sso is on.
import type { ExchangeRule } from '../finding';
import { finding, offeredEvidence } from '../evidence';
import { chromiumPolicy, firefoxPref } from '../policies';

export const privateWindow: ExchangeRule = {
  ids: ['private-window'],
  check(context) {
    const { exchange, summary } = context;
    if (exchange.incognito !== true || summary.offered.length === 0) return [];
    const failed = summary.outcome !== 'authenticated';
    return [
      finding('private-window', context, {
        severity: failed ? 'warning' : 'info',
        title: 'Private window: ambient Windows authentication is off by default',
        evidence: [{ leg: null, source: 'browser', name: 'incognito', value: 'true' }, ...offeredEvidence(exchange)],
        explanation:
          'In private windows browsers do not use the logged-on user’s credentials unless a policy allows it, so ' +
          'Negotiate/NTLM sites prompt or fail there while they work in a normal window.',
        fixes: [
          {
            text: 'Allow ambient authentication in private windows (1 = Incognito, 2 = Guest, 3 = both), or test in a normal window.',
            settings: [
              ...chromiumPolicy('AmbientAuthenticationInPrivateModesEnabled', 1),
              ...firefoxPref('network.auth.private-browsing-sso', true),
            ],
          },
        ],
      }),
    ];
  },
};
