// preauth-first-request: credentials on an exchange's first leg, before any challenge on it. Answered by a 401, it
// is Microsoft KB2749007: IIS kernel-mode authentication answers a pre-authenticated request that reaches it before a
// challenge on its connection 401.1 — whether or not the origin challenged earlier. Pre-authentication that works is
// worth a warning on the first request to an origin only (later ones ride an authenticated origin).
import type { ExchangeRule } from '../finding';
import { credentialsBeforeChallenge, sentEvidence, statusEvidence, verdict } from '../evidence';

export const preauthFirstRequest: ExchangeRule = {
  ids: ['preauth-first-request'],
  check(context) {
    const { exchange, summary } = context;
    if (!credentialsBeforeChallenge(exchange)) return [];
    const firstResponse = exchange.legs[0]?.response;
    const rejected = firstResponse?.status === 401 || summary.outcome === 'rejected' || summary.outcome === 'loop';
    if (!rejected && !exchange.preAuthenticated) return [];
    const evidence = [
      ...sentEvidence(exchange).slice(0, 1),
      ...(firstResponse
        ? [{ leg: 0, source: 'response' as const, name: `${firstResponse.status} Server`, value: firstResponse.server ?? '(none)' }]
        : []),
      statusEvidence(exchange),
    ];
    return [
      rejected
        ? verdict('preauth-first-request', context, {
            severity: 'error',
            title: 'Pre-authenticated request answered 401 (KB2749007)',
            evidence,
          })
        : verdict('preauth-first-request', context, {
            // Works here, fails on IIS with kernel-mode authentication: worth a look before it moves there.
            severity: 'warning',
            title: 'Credentials sent before any challenge (pre-authentication)',
            evidence,
          }),
    ];
  },
};
