// delegation: double hop. Whether the browser asked to delegate (NetLog context flags) and what a back end needs:
// the site's host in AuthNegotiateDelegateAllowlist / network.negotiate-auth.delegation-uris, and the service
// account trusted for (constrained) delegation (reference/001, reference/003).
import type { ExchangeRule } from '../finding';
import { finding, hostOf } from '../evidence';
import { allowlistPatternFor, chromiumPolicy, firefoxDomainFor, firefoxPref } from '../policies';

export const delegation: ExchangeRule = {
  ids: ['delegation'],
  check(context) {
    const requested = context.exchange.authLibrary?.delegationRequested;
    if (requested == null || context.summary.mechanism !== 'kerberos') return [];
    const host = hostOf(context.exchange.url);
    return [
      finding('delegation', context, {
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
        explanation: requested
          ? 'The ticket may carry a forwardable TGT, so the site can reach a back end (SQL, a file share, another web app) as the user, if the site’s account is trusted for delegation.'
          : 'The site receives a ticket for itself only: if it calls a back end as the user (double hop), that call fails or runs anonymously. Browsers delegate only to hosts on a delegation allowlist.',
        fixes: requested
          ? [
              {
                text: 'On the site’s account: Active Directory Users and Computers → Delegation → "Trust this user for delegation to specified services only" (constrained, Kerberos only) listing the back-end SPNs.',
              },
            ]
          : [
              {
                text: `If the site needs the double hop, allow delegation to ${host} and trust the site’s account for (constrained) delegation.`,
                settings: [
                  ...chromiumPolicy('AuthNegotiateDelegateAllowlist', allowlistPatternFor(host)),
                  ...firefoxPref('network.negotiate-auth.delegation-uris', firefoxDomainFor(host)),
                ],
              },
            ],
      }),
    ];
  },
};
