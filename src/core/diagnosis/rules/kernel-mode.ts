// kernel-mode: a 401 served by http.sys (Server: Microsoft-HTTPAPI/2.0) means IIS kernel-mode authentication
// answered before the application (“Windows Authentication HTTP Request Flow in IIS”).
import type { ExchangeRule } from '../finding';
import { verdict } from '../evidence';

export const HTTP_SYS_SERVER = 'Microsoft-HTTPAPI/2.0';

export const kernelMode: ExchangeRule = {
  ids: ['kernel-mode'],
  check(context) {
    const index = context.exchange.legs.findIndex((leg) => leg.response?.status === 401 && leg.response.server === HTTP_SYS_SERVER);
    if (index < 0) return [];
    return [
      verdict('kernel-mode', context, {
        severity: 'info',
        title: '401 answered by http.sys: IIS kernel-mode authentication is on',
        evidence: [{ leg: index, source: 'response', name: '401 Server', value: HTTP_SYS_SERVER }],
      }),
    ];
  },
};
