// no-mutual-auth: Kerberos accepted without the server proving itself (no AP-REP; the AP-REQ did not ask for
// mutual authentication). Only where the evidence shows it: the client's AP-REQ options, or a final answer.
import type { ExchangeRule } from '../finding';
import { finding, sentItems } from '../evidence';

export const noMutualAuth: ExchangeRule = {
  ids: ['no-mutual-auth'],
  check(context) {
    const { exchange, summary } = context;
    if (summary.mechanism !== 'kerberos' || summary.outcome !== 'authenticated') return [];
    const apReq = sentItems(exchange).find(({ item }) => item.summary?.mutualRequired === false);
    if (!apReq) return [];
    const apRep = exchange.legs.some((leg) =>
      leg.response?.challenges.some((item) => item.summary?.kind === 'kerberos-ap-rep' || item.summary?.mechanism === 'kerberos'),
    );
    return [
      finding('no-mutual-auth', context, {
        severity: 'info',
        title: 'Kerberos without mutual authentication',
        evidence: [{ leg: apReq.leg, source: 'token', name: 'AP-REQ ap-options', value: 'mutual-required not set' }],
        explanation:
          'The browser did not ask the server to prove its identity (mutual-required off in the AP-REQ), as Chromium and ' +
          'Firefox do by default' +
          (apRep ? '; the server still sent its answer token.' : '; the server did not send an AP-REP.') +
          ' HTTPS authenticates the server instead; over plain HTTP nothing does.',
        fixes: [{ text: 'Serve the site over HTTPS so the server is authenticated by its certificate.' }],
      }),
    ];
  },
};
