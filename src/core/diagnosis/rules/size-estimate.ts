// size-says-kerberos / size-says-ntlm: when the credential cannot be read (stripped from a NetLog or HAR), Microsoft's
// request-size estimate (> 2,000 bytes Kerberos, < 1,400 bytes NTLM) is shown as an estimate. The mechanism itself
// rests on the token's own size and the legs (exchange/mechanism.ts); when they disagree, the title says so.
import { estimateFromRequestSize } from '../../exchange/mechanism';
import type { ExchangeRule, Verdict } from '../finding';
import { verdict } from '../evidence';

const NAMES = { kerberos: 'Kerberos', ntlm: 'NTLM' } as const;

export const sizeEstimate: ExchangeRule = {
  ids: ['size-says-kerberos', 'size-says-ntlm'],
  check(context) {
    const verdicts: Verdict[] = [];
    const structure = context.summary.mechanism;
    context.exchange.legs.forEach((leg, index) => {
      const credentials = leg.request?.credentials;
      const bytes = leg.request?.headBytes;
      if (!credentials || credentials.summary !== null || bytes == null || verdicts.length > 0) return;
      const estimate = estimateFromRequestSize(bytes);
      if (estimate === 'between') return;
      const disagrees = structure !== null && structure !== estimate;
      verdicts.push(
        verdict(estimate === 'kerberos' ? 'size-says-kerberos' : 'size-says-ntlm', context, {
          severity: 'info',
          title: `Request size ${bytes} bytes suggests ${NAMES[estimate]} (estimate)${disagrees ? `, but the handshake says ${NAMES[structure]}` : ''}`,
          evidence: [
            {
              leg: index,
              source: 'request',
              name: 'request head size',
              value: `${bytes} bytes with ${credentials.scheme || 'stripped'} credentials (token not readable)`,
            },
          ],
        }),
      );
    });
    return verdicts;
  },
};
