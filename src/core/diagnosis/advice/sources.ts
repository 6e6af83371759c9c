// The public documents the advice rests on, by title and link: the user can read the source of every fix.
import type { RuleId } from '../finding';

export interface Source {
  readonly title: string;
  readonly url: string;
}

export const SOURCES = {
  kb2749007: {
    title: 'An unexpected 401.1 status is returned when you use Pre-Authentication headers with Internet Explorer and IIS (KB2749007)',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/www-authentication-authorization/401-error-preauthentication-header',
  },
  iis401: {
    title: '401.1 and 401.2 — Authentication Problems (IIS)',
    url: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2003/cc786094(v=ws.10)',
  },
  diagnose401: {
    title: 'HOWTO: Diagnose 401.x HTTP errors on IIS',
    url: 'https://learn.microsoft.com/en-us/archive/blogs/david.wang/howto-diagnose-401-x-http-errors-on-iis',
  },
  kerberosIe: {
    title: 'Troubleshoot Kerberos failures in Internet Explorer',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/www-authentication-authorization/troubleshoot-kerberos-failures-ie',
  },
  iisFlow: {
    title: 'Windows Authentication HTTP Request Flow in IIS',
    url: 'https://techcommunity.microsoft.com/t5/iis-support-blog/windows-authentication-http-request-flow-in-iis/ba-p/324645',
  },
  rfc4120: { title: 'RFC 4120 — The Kerberos Network Authentication Service (V5)', url: 'https://www.rfc-editor.org/rfc/rfc4120' },
  rfc4178: {
    title: 'RFC 4178 — The Simple and Protected GSS-API Negotiation Mechanism (SPNEGO)',
    url: 'https://www.rfc-editor.org/rfc/rfc4178',
  },
  rfc4559: {
    title: 'RFC 4559 — SPNEGO-based Kerberos and NTLM HTTP Authentication in Microsoft Windows',
    url: 'https://www.rfc-editor.org/rfc/rfc4559',
  },
  msNlmp: {
    title: '[MS-NLMP]: NT LAN Manager (NTLM) Authentication Protocol',
    url: 'https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/',
  },
  ntlmDeprecation: {
    title: 'Deprecated features for Windows client — NTLM (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/windows/whats-new/deprecated-features',
  },
  ntlmOffByDefault: {
    title: 'The evolution of Windows authentication (Windows IT Pro Blog)',
    url: 'https://techcommunity.microsoft.com/blog/windows-itpro-blog/the-evolution-of-windows-authentication/3926848',
  },
  kerberosIp: {
    title: 'Kerberos for IP addresses: TryIPSPN (Microsoft Learn, Configuring Kerberos over IP)',
    url: 'https://learn.microsoft.com/en-us/windows-server/security/kerberos/configuring-kerberos-over-ip',
  },
  extendedProtection: {
    title: 'Extended Protection for Authentication <extendedProtection> (IIS configuration reference)',
    url: 'https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/authentication/windowsauthentication/extendedprotection/',
  },
  rfc5929: { title: 'RFC 5929 — Channel Bindings for TLS', url: 'https://www.rfc-editor.org/rfc/rfc5929' },
  http2Windows: {
    title: 'HTTP/2 on IIS — Windows authentication falls back to HTTP/1.1 (Microsoft Learn)',
    url: 'https://learn.microsoft.com/en-us/iis/get-started/whats-new-in-iis-10/http2-on-iis',
  },
  rc4Removal: {
    title: 'How to manage Kerberos KDC usage of RC4 for service account ticket issuance changes related to CVE-2026-20833 (KB5073381)',
    url: 'https://support.microsoft.com/en-us/topic/how-to-manage-kerberos-kdc-usage-of-rc4-for-service-account-ticket-issuance-changes-related-to-cve-2026-20833-1ebcda33-720a-4da8-93c1-b0496e1910dc',
  },
  lanManagerLevel: {
    title: 'Network security: LAN Manager authentication level (LmCompatibilityLevel)',
    url: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/network-security-lan-manager-authentication-level',
  },
  curlNtlm: {
    title: 'curl lib/vauth/ntlm.c: the NTLM response curl builds from the server’s CHALLENGE',
    url: 'https://github.com/curl/curl/blob/master/lib/vauth/ntlm.c',
  },
  chromePolicies: {
    title: 'Chrome Enterprise policy list (HTTP authentication)',
    url: 'https://chromeenterprise.google/policies/#HTTPAuthentication',
  },
} as const satisfies Record<string, Source>;

/** The sources each finding cites (the rule's own advice may add more). */
export const SOURCES_BY_RULE: Readonly<Partial<Record<RuleId, readonly Source[]>>> = {
  'kerberos-ok': [SOURCES.iisFlow, SOURCES.rfc4559],
  'ntlm-used': [SOURCES.iisFlow, SOURCES.msNlmp],
  'ntlm-fallback': [SOURCES.kerberosIe, SOURCES.rfc4559],
  'no-token-sent': [SOURCES.kerberosIe, SOURCES.chromePolicies],
  'not-allowlisted': [SOURCES.chromePolicies],
  'spn-unknown': [SOURCES.kerberosIe],
  'no-kerberos-credentials': [SOURCES.kerberosIe],
  'kerberos-rejected': [SOURCES.kerberosIe, SOURCES.rfc4120],
  'kerberos-error': [SOURCES.rfc4120, SOURCES.kerberosIe],
  'auth-loop': [SOURCES.kerberosIe, SOURCES.diagnose401],
  'preauth-first-request': [SOURCES.kb2749007],
  'size-says-kerberos': [SOURCES.kerberosIe],
  'size-says-ntlm': [SOURCES.kerberosIe],
  'header-too-large': [SOURCES.kerberosIe],
  'kernel-mode': [SOURCES.iisFlow, SOURCES.kb2749007],
  'persistent-auth': [SOURCES.diagnose401, SOURCES.iisFlow],
  'ntlm-v1': [SOURCES.msNlmp],
  'anonymous-ntlm': [SOURCES.msNlmp],
  'no-mutual-auth': [SOURCES.rfc4120],
  'spn-mismatch': [SOURCES.kerberosIe],
  'iis-substatus': [SOURCES.diagnose401, SOURCES.iis401],
  delegation: [SOURCES.kerberosIe, SOURCES.iis401],
  'auth-failed': [SOURCES.kerberosIe],
  'credential-prompt': [SOURCES.kerberosIe, SOURCES.chromePolicies],
  'weak-etype': [SOURCES.rc4Removal],
  'no-channel-binding': [SOURCES.msNlmp, SOURCES.rfc5929],
  'http11-required': [SOURCES.rfc4559],
  'ip-host': [SOURCES.rfc4559],
  'ntlm-dependency': [SOURCES.msNlmp],
};
