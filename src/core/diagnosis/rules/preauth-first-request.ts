// preauth-first-request: credentials on the first request to an origin, before any challenge from it. Answered by
// a 401, it is Microsoft KB2749007: kernel-mode authentication answers a pre-authenticated first request 401.1.
import type { ExchangeRule } from '../finding';
import { finding, sentEvidence, statusEvidence } from '../evidence';

export const preauthFirstRequest: ExchangeRule = {
  ids: ['preauth-first-request'],
  check(context) {
    const { exchange, summary } = context;
    if (!exchange.preAuthenticated) return [];
    const firstResponse = exchange.legs[0]?.response;
    const rejected = firstResponse?.status === 401 || summary.outcome === 'rejected' || summary.outcome === 'loop';
    const server = firstResponse?.server;
    const evidence = [
      ...sentEvidence(exchange).slice(0, 1),
      ...(firstResponse
        ? [{ leg: 0, source: 'response' as const, name: `${firstResponse.status} Server`, value: server ?? '(none)' }]
        : []),
      statusEvidence(exchange),
    ];
    if (!rejected) {
      return [
        finding('preauth-first-request', context, {
          // Works here, fails on IIS with kernel-mode authentication: worth a look before it moves there.
          severity: 'warning',
          title: 'Credentials sent before any challenge (pre-authentication)',
          evidence,
          explanation:
            'The first request to this origin already carried an Authorization header (set by the page’s script or an ' +
            'earlier session) and the server accepted it. IIS with kernel-mode authentication answers such requests ' +
            '401.1 (KB2749007); this server did not.',
        }),
      ];
    }
    return [
      finding('preauth-first-request', context, {
        severity: 'error',
        title: 'Pre-authenticated first request answered 401 (KB2749007)',
        evidence,
        explanation:
          'The first request to this IIS application carried NTLM/Negotiate credentials before any challenge. With ' +
          'kernel-mode authentication on, http.sys' +
          (server === 'Microsoft-HTTPAPI/2.0' ? ' (Server: Microsoft-HTTPAPI/2.0 here)' : '') +
          ' rejects it with 401.1 (sc-win32-status 2148074254, SEC_E_NO_CREDENTIALS) and the user may see a prompt. ' +
          'This is by design (Microsoft KB2749007).',
        fixes: [
          {
            text: 'Client: stop pre-authentication — registry value DisableNTLMPreAuth = 1 (REG_DWORD) under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings; or stop the page script from setting Authorization on its first request.',
            commands: [
              'reg add "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings" /v DisableNTLMPreAuth /t REG_DWORD /d 1 /f',
            ],
          },
          {
            text: 'Server: turn off kernel-mode authentication for the application (IIS Manager → Authentication → Windows Authentication → Advanced Settings → clear "Enable Kernel-mode authentication"). Caveat: without kernel mode, Kerberos needs the SPN on the app pool account, and delegation setups may break.',
            commands: [
              '%windir%\\system32\\inetsrv\\appcmd set config "<Site>" -section:system.webServer/security/authentication/windowsAuthentication /useKernelMode:false /commit:apphost',
            ],
          },
        ],
      }),
    ];
  },
};
