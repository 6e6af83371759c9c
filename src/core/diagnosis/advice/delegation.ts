// Advice for delegation (rules/delegation.ts): the site's host in AuthNegotiateDelegateAllowlist /
// network.negotiate-auth.delegation-uris, and the service account trusted for (constrained) delegation.
import type { Adviser } from '../finding';
import { hostOf } from '../evidence';
import { allowlistPatternFor, chromiumPolicy, firefoxDomainFor, firefoxPref } from '../policies';
import { advice } from './common';

export const delegationAdvice: Adviser = (_verdict, { exchange }) => {
  if (exchange.authLibrary?.delegationRequested) {
    return advice(
      'The ticket may carry a forwardable TGT, so the site can reach a back end (SQL, a file share, another web app) as the user, if the site’s account is trusted for delegation.',
      {
        fixes: [
          {
            text: 'On the site’s account: Active Directory Users and Computers → Delegation → "Trust this user for delegation to specified services only" (constrained, Kerberos only) listing the back-end SPNs.',
          },
        ],
      },
    );
  }
  const host = hostOf(exchange.url);
  return advice(
    'The site receives a ticket for itself only: if it calls a back end as the user (double hop), that call fails or runs anonymously. Browsers delegate only to hosts on a delegation allowlist.',
    {
      fixes: [
        {
          text: `If the site needs the double hop, allow delegation to ${host} and trust the site’s account for (constrained) delegation.`,
          settings: [
            ...chromiumPolicy('AuthNegotiateDelegateAllowlist', allowlistPatternFor(host)),
            ...firefoxPref('network.negotiate-auth.delegation-uris', firefoxDomainFor(host)),
          ],
        },
        {
          text: 'On macOS and Linux, Chrome can instead delegate only where the KDC marks the site’s account trusted for delegation (ok-as-delegate), which follows the domain’s own delegation settings.',
          settings: chromiumPolicy('AuthNegotiateDelegateByKdcPolicy', true).filter((setting) => setting.platform !== 'windows'),
        },
      ],
    },
  );
};
