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
  | 'AmbientAuthenticationInPrivateModesEnabled'
  /** Which schemes the browser answers at all ("basic,digest,ntlm,negotiate" by default). */
  | 'AuthSchemes'
  /** Origins that may use every scheme although AuthSchemes leaves some out (Chrome 111+). */
  | 'AllHttpAuthSchemesAllowedForOrigins'
  /** NTLMv2 on Linux, macOS, ChromeOS and Android (on by default; off sends NTLMv1). */
  | 'NtlmV2Enabled'
  /** Delegate only where the KDC says the service is trusted for delegation (ok-as-delegate; macOS, Linux). */
  | 'AuthNegotiateDelegateByKdcPolicy'
  /** Pages on these origins may reach local-network hosts (Chrome's Local Network Access checks). */
  | 'LocalNetworkAccessAllowedForUrls';

type PolicyValue = string | boolean | number;

function registryLine(vendorKey: string, name: string, value: PolicyValue): string {
  const type = typeof value === 'string' ? 'REG_SZ' : 'REG_DWORD';
  const data = typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return `reg add "HKLM\\SOFTWARE\\Policies\\${vendorKey}" /v ${name} /t ${type} /d "${data}" /f`;
}

/** Policies whose value is a comma-separated list an organisation may already fill: added to, never overwritten. */
const LIST_POLICIES: ReadonlySet<ChromiumPolicy> = new Set(['AuthServerAllowlist', 'AuthNegotiateDelegateAllowlist']);

/** Policies whose value is a JSON list of URL patterns (Windows: one numbered value per entry under a subkey). */
const URL_LIST_POLICIES: ReadonlySet<ChromiumPolicy> = new Set(['AllHttpAuthSchemesAllowedForOrigins', 'LocalNetworkAccessAllowedForUrls']);

/** A URL-list policy with `entry` in it: Windows' numbered values (the next free number), a Linux JSON array, a
 *  macOS array. `entry` is a plain origin pattern (checked by the callers). */
function chromiumUrlListPolicy(name: ChromiumPolicy, entry: string): PlatformSetting[] {
  const add = (key: string) =>
    `$k='HKLM:\\SOFTWARE\\Policies\\${key}\\${name}'; New-Item -Path $k -Force | Out-Null; ` +
    `$n=1+((Get-Item $k).Property | ForEach-Object { [int]$_ } | Measure-Object -Maximum).Maximum; ` +
    `Set-ItemProperty -Path $k -Name $n -Value '${entry}'`;
  return [
    {
      platform: 'windows',
      browser: 'chrome',
      how: `Chrome policy ${name}: add an entry (PowerShell as administrator, keeping the others)`,
      value: add('Google\\Chrome'),
    },
    { platform: 'windows', browser: 'edge', how: `Microsoft Edge policy ${name}: add an entry`, value: add('Microsoft\\Edge') },
    {
      platform: 'linux',
      how: `Chromium: /etc/chromium/policies/managed/authscope.json · Chrome: /etc/opt/chrome/policies/managed/authscope.json (add to an existing ${name} list)`,
      value: JSON.stringify({ [name]: [entry] }),
    },
    {
      platform: 'macos',
      how: 'Chrome managed preference (a configuration profile in production)',
      value: `defaults write com.google.Chrome ${name} -array-add "${entry}"`,
    },
  ];
}

/**
 * A list policy with `entry` added to what is there (Chromium: a comma-separated string): read the current value,
 * then write the merge — PowerShell for Chrome and Edge, jq for a Linux policy file that already sets it, defaults on
 * macOS. Entries are plain host patterns (checked by the callers), so the commands quote nothing from strangers.
 */
function chromiumListPolicy(name: ChromiumPolicy, entry: string): PlatformSetting[] {
  const merge = (key: string) =>
    `$k='HKLM:\\SOFTWARE\\Policies\\${key}'; $v=(Get-ItemProperty -Path $k -Name ${name} -ErrorAction SilentlyContinue).${name}; ` +
    `$n=((@($v -split ',') + '${entry}') | Where-Object { $_ } | Select-Object -Unique) -join ','; ` +
    `New-Item -Path $k -Force | Out-Null; Set-ItemProperty -Path $k -Name ${name} -Value $n; "${name} = $n"`;
  return [
    {
      platform: 'windows',
      browser: 'chrome',
      how: `Chrome policy: read it first (reg query "HKLM\\SOFTWARE\\Policies\\Google\\Chrome" /v ${name}), then add to it (PowerShell as administrator; or the Chrome ADMX under Group Policy)`,
      value: merge('Google\\Chrome'),
    },
    {
      platform: 'windows',
      browser: 'edge',
      how: `Microsoft Edge policy: read it first (reg query "HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge" /v ${name}), then add to it`,
      value: merge('Microsoft\\Edge'),
    },
    {
      platform: 'linux',
      how: `A policy file in /etc/chromium/policies/managed/ (Chromium) or /etc/opt/chrome/policies/managed/ (Chrome) that already sets ${name}: add to its list (jq; write the output back); with none, create authscope.json with {"${name}": "${entry}"}`,
      value: `jq '.${name} = ([(.${name} // "" | split(",")[]), "${entry}"] | map(select(length > 0)) | unique | join(","))' FILE.json`,
    },
    {
      platform: 'macos',
      how: 'Chrome managed preference, added to what is there (a configuration profile in production)',
      value: `v=$(defaults read com.google.Chrome ${name} 2>/dev/null); defaults write com.google.Chrome ${name} -string "\${v:+$v,}${entry}"`,
    },
  ];
}

/** One Chromium / Chrome / Edge policy as Windows registry (Chrome and Edge), Linux JSON and macOS defaults; a list
 *  policy (the allowlists) is added to, never overwritten. */
export function chromiumPolicy(name: ChromiumPolicy, value: PolicyValue): PlatformSetting[] {
  if (LIST_POLICIES.has(name) && typeof value === 'string') return chromiumListPolicy(name, value);
  if (URL_LIST_POLICIES.has(name) && typeof value === 'string') return chromiumUrlListPolicy(name, value);
  const json = JSON.stringify({ [name]: value });
  const macValue = typeof value === 'string' ? `-string "${value}"` : typeof value === 'boolean' ? `-bool ${value}` : `-integer ${value}`;
  return [
    {
      platform: 'windows',
      browser: 'chrome',
      how: 'Chrome policy (registry, or the same name in the Chrome ADMX under Group Policy)',
      value: registryLine('Google\\Chrome', name, value),
    },
    {
      platform: 'windows',
      browser: 'edge',
      how: 'Microsoft Edge policy (registry, or the Edge ADMX)',
      value: registryLine('Microsoft\\Edge', name, value),
    },
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
  | 'network.auth.private-browsing-sso'
  /** true: Firefox's own NTLM module instead of the system's (no single sign-on on Windows: it prompts). */
  | 'network.auth.force-generic-ntlm'
  /** true: Firefox accepts NTLMv1 (off by default). */
  | 'network.negotiate-auth.allow-insecure-ntlm-v1'
  /** true: Firefox's own NTLM module may answer with NTLMv1 (off by default). */
  | 'network.auth.force-generic-ntlm-v1';

/** The URI-list prefs: comma-separated lists an organisation may already fill. */
const LIST_PREFS: ReadonlySet<FirefoxPref> = new Set([
  'network.negotiate-auth.trusted-uris',
  'network.negotiate-auth.delegation-uris',
  'network.automatic-ntlm-auth.trusted-uris',
]);

/** The enterprise policy that carries each URI list (policies.json "Authentication"). */
const AUTHENTICATION_POLICY: Partial<Record<FirefoxPref, string>> = {
  'network.negotiate-auth.trusted-uris': 'SPNEGO',
  'network.negotiate-auth.delegation-uris': 'Delegated',
  'network.automatic-ntlm-auth.trusted-uris': 'NTLM',
};

/** A Firefox pref as about:config entry and as an enterprise policies.json entry; a URI list is added to. */
export function firefoxPref(name: FirefoxPref, value: string | boolean): PlatformSetting[] {
  if (LIST_PREFS.has(name) && typeof value === 'string') {
    const policy = AUTHENTICATION_POLICY[name] as string;
    return [
      {
        platform: 'firefox',
        how: `about:config: add ${value} to ${name}, after a comma, keeping what is there`,
        value: `${name} = <current value>,${value}`,
      },
      {
        platform: 'firefox',
        how: `policies.json (Windows: distribution\\policies.json or GPO; Linux: /etc/firefox/policies/policies.json): add "${value}" to the Authentication.${policy} list if it exists`,
        value: JSON.stringify({ policies: { Authentication: { [policy]: [value] } } }),
      },
    ];
  }
  return [
    { platform: 'firefox', how: 'about:config (or user.js)', value: `user_pref("${name}", ${JSON.stringify(value)});` },
    {
      platform: 'firefox',
      how: 'policies.json (Windows: distribution\\policies.json or GPO; Linux: /etc/firefox/policies/policies.json)',
      value: JSON.stringify({ policies: { Preferences: { [name]: { Value: value, Status: 'locked' } } } }),
    },
  ];
}

/** An origin (scheme://host[:port]) that may go into a setting, or null when its host is not a plain name. */
export function settingSafeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) && isCommandSafeName(parsed.host) ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
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

/** Who reads a diagnosis: the system and browser it runs in, whose settings are shown unfolded. */
export interface Reader {
  readonly os: 'windows' | 'linux' | 'macos';
  readonly browser: 'chrome' | 'edge' | 'chromium' | 'firefox';
}

/** Whether a setting is made in the reader's own browser on the reader's own system. */
export function isReadersSetting(setting: PlatformSetting, reader: Reader): boolean {
  if (setting.platform === 'firefox') return reader.browser === 'firefox';
  if (reader.browser === 'firefox' || setting.platform !== reader.os) return false;
  return !setting.browser || reader.browser === 'chromium' || setting.browser === reader.browser;
}

/** Where a setting is made, in words: "Edge on Windows", "Linux", "Firefox". */
export function settingPlace(setting: PlatformSetting): string {
  const system = { windows: 'Windows', linux: 'Linux', macos: 'macOS', firefox: 'Firefox' }[setting.platform];
  return setting.browser ? `${setting.browser === 'edge' ? 'Edge' : 'Chrome'} on ${system}` : system;
}

interface ListEntry {
  readonly scheme: string | null;
  readonly host: string;
  readonly port: string | null;
}

/** One entry of a host list ("https://*.corp.example:8443", ".corp.example", "web01"), lower-cased. */
function listEntry(raw: string): ListEntry | null {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:]*)(?::(\d+))?(?:\/.*)?$/i.exec(raw.trim());
  // A scheme alone ("https://") is an entry too: every host over that scheme (Firefox).
  if (!match || (!match[2] && !match[1])) return null;
  return { scheme: match[1]?.toLowerCase() ?? null, host: (match[2] ?? '').toLowerCase(), port: match[3] ?? null };
}

const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');
const schemeMatches = (entry: ListEntry, url: URL) => entry.scheme === null || `${entry.scheme}:` === url.protocol;
const portMatches = (entry: ListEntry, url: URL) => entry.port === null || entry.port === portOf(url);

/** A glob over a host name: "*" is any run of characters. */
function globMatches(pattern: string, host: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(host);
}

/**
 * The AuthServerAllowlist entry that lets `url` receive ambient credentials, or null. Chromium reads the list as
 * proxy-bypass rules (net::HttpAuthFilterAllowlist): entries split on commas, "*" is a wildcard, a leading "." means
 * "*.", "corp.example" matches that host alone, and a scheme or port narrows an entry.
 */
export function chromiumAllowlistEntry(list: string, url: URL): string | null {
  for (const raw of list.split(/[,;\s]+/).filter(Boolean)) {
    if (raw === '*') return raw;
    const entry = listEntry(raw);
    if (!entry || !schemeMatches(entry, url) || !portMatches(entry, url)) continue;
    const pattern = entry.host.startsWith('.') ? `*${entry.host}` : entry.host;
    if (globMatches(pattern, url.hostname)) return raw;
  }
  return null;
}

/**
 * The entry of a Firefox URI list (network.negotiate-auth.trusted-uris and its kin) that matches `url`, or null.
 * Firefox matches a host that equals the entry or ends with it after a dot (".corp.example" only subdomains), and a
 * scheme or port when the entry has one.
 */
export function firefoxListEntry(list: string, url: URL): string | null {
  const host = url.hostname.toLowerCase();
  for (const raw of list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const entry = listEntry(raw);
    if (!entry || !schemeMatches(entry, url) || !portMatches(entry, url)) continue;
    if (entry.host === '') return raw;
    const matches = entry.host.startsWith('.') ? host.endsWith(entry.host) : host === entry.host || host.endsWith(`.${entry.host}`);
    if (matches) return raw;
  }
  return null;
}

/** Whether a browser sends the logged-on user's credentials to `url`, from the settings read on this computer. */
export function credentialsAllowed(
  browser: Reader['browser'],
  os: Reader['os'],
  values: Readonly<Record<string, string>>,
  sources: Readonly<Record<string, string>>,
  url: URL,
): { readonly allows: boolean | null; readonly basis: string } {
  const from = (name: string) => (sources[name] ? ` (${sources[name]})` : '');
  if (browser === 'firefox') {
    const list = values['network.negotiate-auth.trusted-uris'] ?? '';
    const entry = firefoxListEntry(list, url);
    if (entry)
      return { allows: true, basis: `network.negotiate-auth.trusted-uris has ${entry}${from('network.negotiate-auth.trusted-uris')}` };
    return {
      allows: false,
      basis: list
        ? `network.negotiate-auth.trusted-uris = ${list}${from('network.negotiate-auth.trusted-uris')}: no entry matches ${url.hostname}`
        : 'network.negotiate-auth.trusted-uris is empty (Firefox’s default): Firefox sends Windows credentials to no site',
    };
  }
  const list = values['AuthServerAllowlist'];
  if (list !== undefined) {
    const entry = chromiumAllowlistEntry(list, url);
    return entry
      ? { allows: true, basis: `AuthServerAllowlist has ${entry}${from('AuthServerAllowlist')}` }
      : { allows: false, basis: `AuthServerAllowlist = ${list}${from('AuthServerAllowlist')}: no entry matches ${url.hostname}` };
  }
  return os === 'windows'
    ? { allows: null, basis: 'no AuthServerAllowlist: Windows decides by the site’s zone (Local intranet sends credentials)' }
    : { allows: false, basis: 'no AuthServerAllowlist: on Linux and macOS Chromium sends Windows credentials to no site' };
}

/**
 * The SPN a browser asks a ticket for: HTTP/ and the canonical name (Chromium, unless DisableAuthNegotiateCnameLookup;
 * Firefox), with the port only when Chromium's EnableAuthNegotiatePort is set and the URL has a non-default one.
 */
export function browserSpn(
  url: URL,
  canonicalName: string | null,
  browser: Reader['browser'],
  values: Readonly<Record<string, string>>,
): string {
  const chromium = browser !== 'firefox';
  const name = chromium && values['DisableAuthNegotiateCnameLookup'] === 'true' ? url.hostname : (canonicalName ?? url.hostname);
  const port = chromium && values['EnableAuthNegotiatePort'] === 'true' && url.port ? `:${url.port}` : '';
  return `HTTP/${name.toLowerCase()}${port}`;
}
