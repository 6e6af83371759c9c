// Advice for size-says-kerberos / size-says-ntlm (rules/size-estimate.ts).
import type { Adviser } from '../finding';
import { KERBEROS_MIN_REQUEST_BYTES, NTLM_MAX_REQUEST_BYTES } from '../rules/size-estimate';
import { advice } from './common';

export const sizeEstimateAdvice: Adviser = () =>
  advice(
    `The token itself could not be read, so its mechanism is estimated from the request size: Kerberos tickets make ` +
      `requests larger than ${KERBEROS_MIN_REQUEST_BYTES} bytes, NTLM requests stay under ${NTLM_MAX_REQUEST_BYTES} bytes ` +
      '(Microsoft, "Troubleshoot Kerberos failures"). Only an estimate: cookies and long URLs add bytes too.',
    { missing: 'A NetLog in "Include raw bytes" / Everything mode, or Firefox, shows the token itself.' },
  );
