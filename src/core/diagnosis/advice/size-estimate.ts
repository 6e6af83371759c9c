// Advice for size-says-kerberos / size-says-ntlm (rules/size-estimate.ts).
import type { Adviser } from '../finding';
import { KERBEROS_MIN_REQUEST_BYTES, NTLM_MAX_REQUEST_BYTES } from '../../exchange/mechanism';
import { advice } from './common';

export const sizeEstimateAdvice: Adviser = () =>
  advice(
    `The token itself could not be read, so its mechanism is estimated from the request size: Kerberos tickets make ` +
      `requests larger than ${KERBEROS_MIN_REQUEST_BYTES} bytes, NTLM requests stay under ${NTLM_MAX_REQUEST_BYTES} bytes ` +
      '(Microsoft, "Troubleshoot Kerberos failures in Internet Explorer"). Only an estimate: cookies and long URLs add ' +
      'bytes, and Kerberos tickets without a PAC (MIT KDC) make requests of 1,400–2,000 bytes. The mechanism shown ' +
      'rests on the token sizes and the legs, not on this estimate.',
    { missing: 'A NetLog in "Include raw bytes" / Everything mode, or Firefox, shows the token itself.' },
  );
