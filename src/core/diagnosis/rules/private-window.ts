// private-window: Chromium blocks ambient (default-credential) authentication in Incognito / InPrivate / Guest
// windows unless AmbientAuthenticationInPrivateModesEnabled allows it; Firefox does the same unless
// network.auth.private-browsing-sso is on.
import type { ExchangeRule } from '../finding';
import { offeredEvidence, verdict } from '../evidence';

export const privateWindow: ExchangeRule = {
  ids: ['private-window'],
  check(context) {
    const { exchange, summary } = context;
    if (exchange.incognito !== true || summary.offered.length === 0) return [];
    return [
      verdict('private-window', context, {
        severity: summary.outcome !== 'authenticated' ? 'warning' : 'info',
        title: 'Private window: ambient Windows authentication is off by default',
        evidence: [{ leg: null, source: 'browser', name: 'incognito', value: 'true' }, ...offeredEvidence(exchange)],
      }),
    ];
  },
};
