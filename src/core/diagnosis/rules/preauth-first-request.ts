// preauth-first-request: credentials on the first request to an origin, before any challenge from it. Answered by
// a 401, it is Microsoft KB2749007: kernel-mode authentication answers a pre-authenticated first request 401.1.
import type { ExchangeRule } from '../finding';
import { sentEvidence, statusEvidence, verdict } from '../evidence';

export const preauthFirstRequest: ExchangeRule = {
  ids: ['preauth-first-request'],
  check(context) {
    const { exchange, summary } = context;
    if (!exchange.preAuthenticated) return [];
    const firstResponse = exchange.legs[0]?.response;
    const rejected = firstResponse?.status === 401 || summary.outcome === 'rejected' || summary.outcome === 'loop';
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
            title: 'Pre-authenticated first request answered 401 (KB2749007)',
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
