// delegation: double hop. Whether the browser asked to delegate (NetLog context flags); the advice says what a
// back end needs (“401.1 and 401.2 — Authentication Problems” (IIS docs), “Troubleshoot Kerberos failures in Internet Explorer”).
import type { ExchangeRule } from '../finding';
import { verdict } from '../evidence';

export const delegation: ExchangeRule = {
  ids: ['delegation'],
  check(context) {
    const requested = context.exchange.authLibrary?.delegationRequested;
    if (requested == null || context.summary.mechanism !== 'kerberos') return [];
    return [
      verdict('delegation', context, {
        severity: 'info',
        title: requested
          ? 'The browser asked to delegate credentials (double hop possible)'
          : 'The browser did not ask to delegate credentials',
        evidence: [
          {
            leg: null,
            source: 'netlog',
            name: 'AUTH_LIBRARY_INIT_SEC_CTX flags',
            value: requested ? 'delegate requested' : 'delegate not requested',
          },
        ],
      }),
    ];
  },
};
