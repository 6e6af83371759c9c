// kernel-mode: a 401 served by http.sys (Server: Microsoft-HTTPAPI/2.0) means IIS kernel-mode authentication
// answered before the application (reference/004). Explains KB2749007 and KRB_AP_ERR_MODIFIED readings.
import type { ExchangeRule } from '../finding';
import { finding } from '../evidence';

export const HTTP_SYS_SERVER = 'Microsoft-HTTPAPI/2.0';

export const kernelMode: ExchangeRule = {
  ids: ['kernel-mode'],
  check(context) {
    const index = context.exchange.legs.findIndex((leg) => leg.response?.status === 401 && leg.response.server === HTTP_SYS_SERVER);
    if (index < 0) return [];
    return [
      finding('kernel-mode', context, {
        severity: 'info',
        title: '401 answered by http.sys: IIS kernel-mode authentication is on',
        evidence: [{ leg: index, source: 'response', name: '401 Server', value: HTTP_SYS_SERVER }],
        explanation:
          'The challenge came from the Windows HTTP stack itself, not from IIS: kernel-mode authentication is enabled. ' +
          'http.sys then decrypts Kerberos tickets with the computer account’s key unless useAppPoolCredentials is set, ' +
          'and rejects pre-authenticated first requests with 401.1 (KB2749007).',
      }),
    ];
  },
};
