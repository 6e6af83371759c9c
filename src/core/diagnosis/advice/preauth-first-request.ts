// Advice for preauth-first-request (rules/preauth-first-request.ts): Microsoft KB2749007.
import type { Adviser, Fix } from '../finding';
import { HTTP_SYS_SERVER } from '../rules/kernel-mode';
import { advice } from './common';

/** Stop the client pre-authenticating, or the server refusing it (KB2749007); the IIS log explainer offers the same. */
export const PREAUTH_FIXES: readonly Fix[] = [
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
];

export const preauthFirstRequestAdvice: Adviser = (verdict, { exchange }) => {
  if (verdict.severity !== 'error') {
    return advice(
      'The first request to this origin already carried an Authorization header (set by the page’s script or an ' +
        'earlier session) and the server accepted it. IIS with kernel-mode authentication answers such requests ' +
        '401.1 (KB2749007); this server did not.',
    );
  }
  return advice(
    'This request carried NTLM/Negotiate credentials before any challenge on it. With kernel-mode authentication on, ' +
      'http.sys authenticates per connection: a pre-authenticated request that reaches it before a challenge on its ' +
      'connection — the first request, or any later one on a new connection — is refused. http.sys' +
      (exchange.legs[0]?.response?.server === HTTP_SYS_SERVER ? ` (Server: ${HTTP_SYS_SERVER} here)` : '') +
      ' rejects it with 401.1 (sc-win32-status 2148074254, SEC_E_NO_CREDENTIALS) and the user may see a prompt. ' +
      'This is by design (Microsoft KB2749007).',
    {
      fixes: PREAUTH_FIXES,
      next: 'Stop the client sending credentials before the server’s challenge, or turn off kernel-mode authentication for the site.',
    },
  );
};
