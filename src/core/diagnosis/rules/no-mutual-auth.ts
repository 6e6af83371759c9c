// no-mutual-auth: Kerberos accepted without the server proving itself (no AP-REP; the AP-REQ did not ask for
// mutual authentication). Only where the evidence shows it: the client's AP-REQ options, or a final answer.
import type { ExchangeRule } from '../finding';
import { sentItems, verdict } from '../evidence';

export const noMutualAuth: ExchangeRule = {
  ids: ['no-mutual-auth'],
  check(context) {
    const { exchange, summary } = context;
    if (summary.mechanism !== 'kerberos' || summary.outcome !== 'authenticated') return [];
    const apReq = sentItems(exchange).find(({ item }) => item.summary?.mutualRequired === false);
    if (!apReq) return [];
    return [
      verdict('no-mutual-auth', context, {
        severity: 'info',
        title: 'Kerberos without mutual authentication',
        evidence: [{ leg: apReq.leg, source: 'token', name: 'AP-REQ ap-options', value: 'mutual-required not set' }],
      }),
    ];
  },
};
