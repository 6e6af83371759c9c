// Browser policies and prefs that decide Integrated Authentication, as ready-to-copy settings per platform.
// Chromium policy names and types: https://chromeenterprise.google/policies/ (Edge reads the same names);
// Firefox prefs: network.negotiate-auth.* / network.automatic-ntlm-auth.* (about:config).
import { isCommandSafeName } from './advice/command';
import type { PlatformSetting } from './finding';

export type ChromiumPolicy =
  | 'AuthServerAllowlist'
  | 'AuthNegotiateDelegateAllowlist'
  | 'DisableAuthNegotiateCnameLookup'
  | 'EnableAuthNegotiatePort'
  | 'AmbientAuthenticationInPrivateModesEnabled';

type PolicyValue = string | boolean | number;

function registryLine(vendorKey: string, name: string, value: PolicyValue): string {
  const type = typeof value === 'string' ? 'REG_SZ' : 'REG_DWORD';
  const data = typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return `reg add "HKLM\\SOFTWARE\\Policies\\${vendorKey}" /v ${name} /t ${type} /d "${data}" /f`;
}

/** One Chromium / Chrome / Edge policy as Windows registry (Chrome and Edge), Linux JSON and macOS defaults. */
export function chromiumPolicy(name: ChromiumPolicy, value: PolicyValue): PlatformSetting[] {
  const json = JSON.stringify({ [name]: value });
  const macValue = typeof value === 'string' ? `-string "${value}"` : typeof value === 'boolean' ? `-bool ${value}` : `-integer ${value}`;
  return [
    {
      platform: 'windows',
      how: 'Chrome policy (registry, or the same name in the Chrome ADMX under Group Policy)',
      value: registryLine('Google\\Chrome', name, value),
    },
    { platform: 'windows', how: 'Microsoft Edge policy (registry, or the Edge ADMX)', value: registryLine('Microsoft\\Edge', name, value) },
    {
      platform: 'linux',
      how: 'Chromium: /etc/chromium/policies/managed/authscope.json · Chrome: /etc/opt/chrome/policies/managed/authscope.json',
      value: json,
    },
    {
      platform: 'macos',
      how: 'Chrome managed preference (a configuration profile in production)',
      value: `defaults write com.google.Chrome ${name} ${macValue}`,
    },
  ];
}

export type FirefoxPref =
  | 'network.negotiate-auth.trusted-uris'
  | 'network.negotiate-auth.delegation-uris'
  | 'network.automatic-ntlm-auth.trusted-uris'
  | 'network.auth.private-browsing-sso';

/** A Firefox pref as about:config entry and as an enterprise policies.json "Preferences" entry. */
export function firefoxPref(name: FirefoxPref, value: string | boolean): PlatformSetting[] {
  return [
    { platform: 'firefox', how: 'about:config (or user.js)', value: `user_pref("${name}", ${JSON.stringify(value)});` },
    {
      platform: 'firefox',
      how: 'policies.json (Windows: distribution\\policies.json or GPO; Linux: /etc/firefox/policies/policies.json)',
      value: JSON.stringify({ policies: { Preferences: { [name]: { Value: value, Status: 'locked' } } } }),
    },
  ];
}

/** Where a user checks what is in force. */
export const HOW_TO_CHECK_POLICIES =
  'Check what is in force at chrome://policy (edge://policy in Edge) and about:policies / about:config in Firefox.';

/** The allowlist pattern for a host: its parent domain with a wildcard (intranet.corp.example → *.corp.example). */
export function allowlistPatternFor(host: string): string {
  const labels = host.split('.');
  return labels.length > 2 ? `*.${labels.slice(1).join('.')}` : host;
}

/** The same scope as Firefox's URI-list prefs write it: a leading dot (intranet.corp.example → .corp.example). */
export function firefoxDomainFor(host: string): string {
  return allowlistPatternFor(host).replace(/^\*\./, '.');
}

/** Trust `host`'s domain for ambient credentials: the Chromium policy and the given Firefox URI-list prefs. None for
 *  a host that is not a plain host name (the settings are pasted into registries and shells). */
export function allowlistSettings(
  host: string,
  prefs: readonly FirefoxPref[] = ['network.negotiate-auth.trusted-uris'],
): PlatformSetting[] {
  if (!isCommandSafeName(host)) return [];
  return [
    ...chromiumPolicy('AuthServerAllowlist', allowlistPatternFor(host)),
    ...prefs.flatMap((pref) => firefoxPref(pref, firefoxDomainFor(host))),
  ];
}
