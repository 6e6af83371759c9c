// size-says-kerberos / size-says-ntlm: when the credential cannot be read (stripped from a NetLog or HAR), the
// request size still hints at the mechanism (reference/003: > 2000 bytes Kerberos, < 1400 bytes NTLM). An estimate.
import type { ExchangeRule, Verdict } from '../finding';
import { verdict } from '../evidence';

/** reference/003_af5b6d4b33f18f9d.txt: "request size > 2000 bytes → Kerberos; < 1400 bytes → NTLM". */
export const KERBEROS_MIN_REQUEST_BYTES = 2000;
export const NTLM_MAX_REQUEST_BYTES = 1400;

export const sizeEstimate: ExchangeRule = {
  ids: ['size-says-kerberos', 'size-says-ntlm'],
  check(context) {
    const verdicts: Verdict[] = [];
    context.exchange.legs.forEach((leg, index) => {
      const credentials = leg.request?.credentials;
      const bytes = leg.request?.headBytes;
      if (!credentials || credentials.summary !== null || bytes == null || verdicts.length > 0) return;
      const kerberos = bytes > KERBEROS_MIN_REQUEST_BYTES;
      if (!kerberos && bytes >= NTLM_MAX_REQUEST_BYTES) return;
      verdicts.push(
        verdict(kerberos ? 'size-says-kerberos' : 'size-says-ntlm', context, {
          severity: 'info',
          title: `Request size ${bytes} bytes suggests ${kerberos ? 'Kerberos' : 'NTLM'} (estimate)`,
          evidence: [
            {
              leg: index,
              source: 'request',
              name: 'request head size',
              value: `${bytes} bytes with ${credentials.scheme} credentials (token not readable)`,
            },
          ],
        }),
      );
    });
    return verdicts;
  },
};
