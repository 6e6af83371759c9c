// The browser settings that decide Windows authentication, read from where each system keeps them: Chromium / Chrome
// / Edge policy JSON files (Linux), `reg query` of the policy keys (Windows), `defaults read` of the preference domain
// (macOS), the browser's own command line (--auth-server-allowlist …), Firefox's policies.json and its profile's prefs.
// Each reader takes text and returns name → value; nothing here decides (diagnosis/policies.ts does).

/** The Chromium policies (and their command-line switches) that bear on Windows authentication. */
export const CHROMIUM_AUTH_POLICIES = [
  'AuthServerAllowlist',
  'AuthNegotiateDelegateAllowlist',
  'DisableAuthNegotiateCnameLookup',
  'EnableAuthNegotiatePort',
  'AuthSchemes',
  'NtlmV2Enabled',
  'AllHttpAuthSchemesAllowedForOrigins',
] as const;

export type PolicyValues = Readonly<Record<string, string>>;

const WANTED: ReadonlySet<string> = new Set(CHROMIUM_AUTH_POLICIES);

/** A policy value as text: lists joined with commas, booleans and numbers as written. */
function policyText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').join(',');
  return null;
}

/** Chromium's Linux policy files, mandatory ones last so they win (every file of a directory is read, in name order). */
export function readChromiumPolicyFiles(files: readonly { readonly path: string; readonly text: string }[]): {
  values: PolicyValues;
  sources: Readonly<Record<string, string>>;
} {
  const values: Record<string, string> = {};
  const sources: Record<string, string> = {};
  const ordered = [...files].sort(
    (a, b) => Number(a.path.includes('/managed/')) - Number(b.path.includes('/managed/')) || a.path.localeCompare(b.path),
  );
  for (const file of ordered) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.text);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    for (const [name, value] of Object.entries(parsed)) {
      const said = WANTED.has(name) ? policyText(value) : null;
      if (said === null) continue;
      values[name] = said;
      sources[name] = file.path;
    }
  }
  return { values, sources };
}

/**
 * `reg query <key>` (and `/s`): "    Name    REG_SZ    data" lines under their key. A list policy is a subkey named
 * after the policy with values "1", "2", … (Chromium's Windows list format).
 */
export function readRegQuery(output: string): PolicyValues {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  let key = '';
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line.trim())) {
      key = line.trim();
      continue;
    }
    const match = /^\s+(\S+)\s+(REG_[A-Z_]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [, name = '', type = '', data = ''] = match;
    const subkey = key.split('\\').at(-1) ?? '';
    if (WANTED.has(subkey) && /^\d+$/.test(name)) {
      (lists[subkey] ??= []).push(data.trim());
      continue;
    }
    if (!WANTED.has(name)) continue;
    values[name] = type === 'REG_DWORD' ? String(Number.parseInt(data, 16) !== 0) : data.trim();
  }
  for (const [name, items] of Object.entries(lists)) values[name] = items.join(',');
  return values;
}

/** `defaults read <domain>` (macOS): an old-style property list, `Name = value;` with lists in parentheses. */
export function readDefaults(output: string): PolicyValues {
  const values: Record<string, string> = {};
  const pattern = /"?([A-Za-z][\w-]*)"?\s*=\s*(\([^)]*\)|"(?:[^"\\]|\\.)*"|[^;]+);/g;
  for (const match of output.matchAll(pattern)) {
    const [, name = '', raw = ''] = match;
    if (!WANTED.has(name)) continue;
    const value = raw.trim();
    if (value.startsWith('(')) {
      values[name] = value
        .slice(1, -1)
        .split(',')
        .map((item) => item.trim().replace(/^"|"$/g, ''))
        .filter(Boolean)
        .join(',');
    } else if (value.startsWith('"')) values[name] = value.slice(1, -1).replace(/\\"/g, '"');
    else values[name] = value === '1' ? 'true' : value === '0' ? 'false' : value;
  }
  return values;
}

/** The switches a Chromium-family browser was started with (`--auth-server-allowlist=…`), as policy names. */
export function readChromiumCommandLine(args: readonly string[]): PolicyValues {
  const switches: Record<string, string> = {
    'auth-server-allowlist': 'AuthServerAllowlist',
    'auth-server-whitelist': 'AuthServerAllowlist',
    'auth-negotiate-delegate-allowlist': 'AuthNegotiateDelegateAllowlist',
    'auth-negotiate-delegate-whitelist': 'AuthNegotiateDelegateAllowlist',
    'disable-auth-negotiate-cname-lookup': 'DisableAuthNegotiateCnameLookup',
    'enable-auth-negotiate-port': 'EnableAuthNegotiatePort',
    'auth-schemes': 'AuthSchemes',
  };
  const values: Record<string, string> = {};
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1] ? switches[match[1]] : undefined;
    if (name) values[name] = match?.[2] ?? 'true';
  }
  return values;
}

/** The Firefox prefs that decide Windows authentication. */
export const FIREFOX_AUTH_PREFS = [
  'network.negotiate-auth.trusted-uris',
  'network.negotiate-auth.delegation-uris',
  'network.automatic-ntlm-auth.trusted-uris',
  'network.negotiate-auth.allow-non-fqdn',
] as const;

/** A profile's prefs.js / user.js: `user_pref("name", value);` lines, the last one winning. */
export function readFirefoxPrefs(text: string): PolicyValues {
  const values: Record<string, string> = {};
  const wanted: ReadonlySet<string> = new Set(FIREFOX_AUTH_PREFS);
  for (const match of text.matchAll(/user_pref\(\s*"([^"]+)"\s*,\s*("(?:[^"\\]|\\.)*"|true|false|-?\d+)\s*\)\s*;/g)) {
    const [, name = '', raw = ''] = match;
    if (wanted.has(name)) values[name] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return values;
}

/** Firefox's policies.json `Authentication` block, as the prefs it sets (mozilla/policy-templates). */
export function readFirefoxPolicies(text: string): PolicyValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const authentication = (parsed as { policies?: { Authentication?: Record<string, unknown> } } | null)?.policies?.Authentication;
  if (!authentication) return {};
  const values: Record<string, string> = {};
  const list = (name: string, pref: string) => {
    const said = policyText(authentication[name]);
    if (said !== null) values[pref] = said;
  };
  list('SPNEGO', 'network.negotiate-auth.trusted-uris');
  list('Delegated', 'network.negotiate-auth.delegation-uris');
  list('NTLM', 'network.automatic-ntlm-auth.trusted-uris');
  return values;
}
