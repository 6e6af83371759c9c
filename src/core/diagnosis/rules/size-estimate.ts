// size-says-kerberos / size-says-ntlm: when the credential cannot be read (stripped from a NetLog or HAR), the
// request size still hints at the mechanism (reference/003: > 2000 bytes Kerberos, < 1400 bytes NTLM). An estimate.
import type { ExchangeRule, Finding } from '../finding';
import { finding } from '../evidence';

/** reference/003_af5b6d4b33f18f9d.txt: "request size > 2000 bytes → Kerberos; < 1400 bytes → NTLM". */
export const KERBEROS_MIN_REQUEST_BYTES = 2000;
export const NTLM_MAX_REQUEST_BYTES = 1400;

export const sizeEstimate: ExchangeRule = {
  ids: ['size-says-kerberos', 'size-says-ntlm'],
  check(context) {
    const { exchange } = context;
    const findings: Finding[] = [];
    exchange.legs.forEach((leg, index) => {
      const credentials = leg.request?.credentials;
      const bytes = leg.request?.headBytes;
      if (!credentials || credentials.summary !== null || bytes == null || findings.length > 0) return;
      const kerberos = bytes > KERBEROS_MIN_REQUEST_BYTES;
      if (!kerberos && bytes >= NTLM_MAX_REQUEST_BYTES) return;
      findings.push(
        finding(kerberos ? 'size-says-kerberos' : 'size-says-ntlm', context, {
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
          explanation:
            `The token itself could not be read, so its mechanism is estimated from the request size: Kerberos tickets make ` +
            `requests larger than ${KERBEROS_MIN_REQUEST_BYTES} bytes, NTLM requests stay under ${NTLM_MAX_REQUEST_BYTES} bytes ` +
            '(Microsoft, "Troubleshoot Kerberos failures"). Only an estimate: cookies and long URLs add bytes too.',
          missing: 'A NetLog in "Include raw bytes" / Everything mode, or Firefox, shows the token itself.',
        }),
      );
    });
    return findings;
  },
};
