// Where Windows authentication lives, decided cheaply and without reading a token: which server addresses and names
// are intranet, which origins AuthScope has learned, and the match patterns its full (Chromium "extraHeaders")
// listeners are registered for. Pure: the background feeds it webRequest facts and registers what it returns.
import { authSchemeKind, parseChallenges } from '../decode/http/auth-header';
import { isAuthResponse } from './capture';
import { type Header, headerValue, headerValues } from './events';

/** The kind of a server address, as far as watching is concerned. */
export type AddressKind = 'loopback' | 'private' | 'link-local' | 'shared' | 'public' | 'invalid';

function ipv4Octets(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return octets.every((octet) => octet >= 0 && octet <= 255) ? octets : null;
}

function classifyIpv4([a = 0, b = 0]: number[]): AddressKind {
  if (a === 127) return 'loopback'; // RFC 1122 §3.2.1.3
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'; // RFC 1918 §3
  if (a === 169 && b === 254) return 'link-local'; // RFC 3927
  // RFC 6598 shared address space (carrier-grade NAT): not the public Internet, and overlay VPNs (Tailscale) number
  // intranet hosts from it. Counted as intranet: a wrong guess costs page-load time, never visibility.
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (zone id and brackets allowed), or null. */
function ipv6Groups(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // A dotted IPv4 tail (::ffff:10.1.2.3) becomes its two groups.
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const octets = ipv4Octets(dotted[1] ?? '');
    if (!octets) return null;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    address = `${address.slice(0, dotted.index + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (half: string | undefined) => (half ? half.split(':') : []);
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = new Array<number>(8 - known).fill(0);
  return [...head.map((group) => parseInt(group, 16)), ...zeros, ...rest.map((group) => parseInt(group, 16))];
}

/** Classifies a server address as webRequest gives it (`details.ip`: "10.1.2.3", "::1", "fe80::1%eth0"). */
export function classifyAddress(ip: string): AddressKind {
  const v4 = ipv4Octets(ip);
  if (v4) return classifyIpv4(v4);
  const groups = ipv6Groups(ip);
  if (!groups) return 'invalid';
  const [first = 0] = groups;
  if (groups.every((group, index) => group === (index === 7 ? 1 : 0))) return 'loopback'; // ::1, RFC 4291 §2.5.3
  // IPv4-mapped ::ffff:a.b.c.d (RFC 4291 §2.5.5.2): the IPv4 address decides.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return classifyIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  if ((first & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local, RFC 4193
  if ((first & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10, RFC 4291 §2.5.6
  if ((first & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site-local, deprecated by RFC 3879 but still met
  return 'public';
}

/** Whether a server at this address is where intranet sites live (private, loopback, link-local, shared). */
export function isIntranetAddress(ip: string, options: { loopbackIsPublic?: boolean } = {}): boolean {
  const kind = classifyAddress(ip);
  if (kind === 'loopback') return !options.loopbackIsPublic;
  return kind === 'private' || kind === 'link-local' || kind === 'shared';
}

/** The origin of a URL ("http://host:port"), or null for what is not http(s). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The host of an origin or URL, without brackets or port ("intranet.corp.example", "::1"). */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/** The match pattern of an origin's host. Chromium match patterns have no port: `*://host/*` covers every port and
 *  both schemes (developer.chrome.com "Match patterns"). */
export function hostPattern(host: string): string {
  return `*://${host.includes(':') ? `[${host}]` : host}/*`;
}

/**
 * A user's intranet pattern ("*.corp.example", "intranet", "https://app.corp.example:8443") as a host rule: the
 * host, and whether subdomains count. Null when it is not one (spaces, schemes other than http(s), paths).
 */
export function parseIntranetPattern(text: string): { readonly host: string; readonly subdomains: boolean } | null {
  let value = text.trim().toLowerCase();
  if (!value) return null;
  const scheme = /^([a-z*]+):\/\//.exec(value);
  if (scheme) {
    if (!['http', 'https', '*'].includes(scheme[1] ?? '')) return null;
    value = value.slice(scheme[0].length);
  }
  value = value.replace(/\/\*?$/, '');
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0 || !/^(:\d+)?$/.test(value.slice(end + 1))) return null;
    const host = value.slice(1, end);
    return classifyAddress(host) === 'invalid' ? null : { host, subdomains: false };
  }
  value = value.replace(/:(\d+|\*)$/, '');
  const subdomains = value.startsWith('*.');
  const host = subdomains ? value.slice(2) : value;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) return null;
  if (subdomains && looksLikePublicSuffix(host)) return null;
  return { host, subdomains };
}

const GENERIC_TLDS = new Set([
  'com',
  'net',
  'org',
  'info',
  'biz',
  'io',
  'app',
  'dev',
  'cloud',
  'online',
  'site',
  'xyz',
  'edu',
  'gov',
  'mil',
  'int',
]);
const SECOND_LEVEL_UNDER_COUNTRY = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob', 'mil', 'nic']);

/** Whether `*.host` would cover much of the public web: a generic or country TLD (`*.com`, `*.de`) or a country's
 *  registry level (`*.co.uk`, `*.com.au`) — the common cases of the Public Suffix List (publicsuffix.org) without
 *  shipping it. Intranet-only suffixes (`*.corp`, `*.lan`) stay allowed. */
function looksLikePublicSuffix(host: string): boolean {
  const labels = host.split('.');
  const [first = '', second = ''] = labels;
  if (labels.length === 1) return GENERIC_TLDS.has(first) || first.length === 2;
  return labels.length === 2 && second.length === 2 && SECOND_LEVEL_UNDER_COUNTRY.has(first);
}

/** The match patterns of the user's intranet patterns (invalid entries are skipped: the settings say which). */
export function intranetMatchPatterns(patterns: readonly string[]): string[] {
  return patterns.flatMap((text) => {
    const rule = parseIntranetPattern(text);
    if (!rule) return [];
    return rule.subdomains ? [`*://*.${rule.host}/*`] : [hostPattern(rule.host)];
  });
}

/**
 * Names that never resolve on the public Internet: `.test`, `.example`, `.invalid`, `.localhost` (RFC 6761 §6),
 * `.local` (mDNS, RFC 6762), `home.arpa` (RFC 8375) and `.internal` (reserved for private use by ICANN, 2024). A
 * request to one is watched fully from its first exchange — its address is known only after its response started,
 * which for a handshake is after the legs that needed watching.
 */
export const SPECIAL_USE_NAME_PATTERNS: readonly string[] = [
  '*://*.test/*',
  '*://*.example/*',
  '*://*.invalid/*',
  '*://localhost/*',
  '*://*.localhost/*',
  '*://*.local/*',
  '*://*.home.arpa/*',
  '*://*.internal/*',
];

/** Whether a host matches one of the match patterns above or the user's (scheme and path are `*` in all of them),
 *  read once per pattern list: exact hosts in a set, wildcard suffixes in a list. The tiered listeners ask it for
 *  every request to a watched host. */
export function hostMatcher(patterns: readonly string[]): (host: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  let any = false;
  for (const pattern of patterns) {
    const hostPart = /^\*:\/\/(.*)\/\*$/.exec(pattern)?.[1]?.replace(/^\[|\]$/g, '');
    if (hostPart === undefined) continue;
    if (hostPart === '*') any = true;
    else if (hostPart.startsWith('*.')) {
      exact.add(hostPart.slice(2));
      suffixes.push(hostPart.slice(1));
    } else exact.add(hostPart);
  }
  return (host) => {
    const bare = host.toLowerCase();
    return any || exact.has(bare) || suffixes.some((suffix) => bare.endsWith(suffix));
  };
}

/** Most origins remembered; beyond it the least recently seen are forgotten. */
export const MAX_LEARNED_ORIGINS = 500;

/** Learned origins, oldest first, as kept in storage.local: origins only, never a token, a path or a header. */
export type LearnedOrigins = readonly string[];

/** Reads a stored value back as learned origins, dropping anything that is not an http(s) origin. */
export function parseLearnedOrigins(stored: unknown): LearnedOrigins {
  if (!Array.isArray(stored)) return [];
  const origins = stored.filter((value): value is string => typeof value === 'string' && originOf(value) === value);
  return [...new Set(origins)].slice(-MAX_LEARNED_ORIGINS);
}

/** The set with `origin` added (or moved to the newest end); the same array when nothing changed. */
export function withLearnedOrigin(learned: LearnedOrigins, origin: string): LearnedOrigins {
  if (learned.at(-1) === origin) return learned;
  const next = [...learned.filter((known) => known !== origin), origin];
  return next.length > MAX_LEARNED_ORIGINS ? next.slice(next.length - MAX_LEARNED_ORIGINS) : next;
}

/** What a cheap (no-extraHeaders) webRequest event tells about its origin. */
export interface CheapFacts {
  readonly url: string;
  /** The server's address (onResponseStarted / onCompleted `details.ip`). */
  readonly ip?: string;
  readonly statusCode?: number;
  readonly responseHeaders?: readonly Header[];
  /** Set for onAuthRequired, with the scheme Chromium names ("negotiate", "ntlm", "basic" …) and whether a proxy asked. */
  readonly authRequired?: boolean;
  readonly authScheme?: string;
  readonly isProxy?: boolean;
}

/** Negotiate or NTLM, as a scheme name ("negotiate" from Chromium's onAuthRequired, "Negotiate" in a header). */
const isNegotiateOrNtlm = (scheme: string): boolean => {
  const kind = authSchemeKind(scheme);
  return kind === 'negotiate' || kind === 'ntlm';
};

/** Whether WWW-Authenticate values name Negotiate or NTLM among their challenges (RFC 9110 §11.6.1; Firefox joins
 *  repeated headers with new lines). */
const namesWindowsScheme = (headers: readonly Header[]): boolean =>
  parseChallenges(headerValues(headers, 'www-authenticate')).challenges.some((challenge) => isNegotiateOrNtlm(challenge.scheme));

/** Whether a 401 offers Negotiate or NTLM in WWW-Authenticate. A 407 is not the site's: a proxy asks it on behalf of
 *  every site behind it, so learning from it would learn every site (RFC 9110 §11.7.1). */
export function offersWindowsAuth(statusCode: number | undefined, headers: readonly Header[] = []): boolean {
  return statusCode === 401 && namesWindowsScheme(headers);
}

/** Whether a final response carries the end of a Windows handshake without a challenge: a Negotiate / NTLM
 *  `WWW-Authenticate` on a success (the server's last token, not read here) or IIS's `Persistent-Auth`. */
export function endsWindowsAuth(headers: readonly Header[] = []): boolean {
  return headerValue(headers, 'persistent-auth') !== null || namesWindowsScheme(headers);
}

/** Why an event teaches its origin, or null when it does not: the site's own (not a proxy's) Negotiate/NTLM prompt, a
 *  final 401 offering Negotiate/NTLM, a final response ending a Windows handshake (a site that signs in silently), or a
 *  server on an intranet address. */
export function learnReason(
  facts: CheapFacts,
  options: { loopbackIsPublic?: boolean } = {},
): 'auth-required' | 'challenge' | 'handshake-end' | 'address' | null {
  if (facts.authRequired) return !facts.isProxy && isNegotiateOrNtlm(facts.authScheme ?? '') ? 'auth-required' : null;
  // Every response of every site passes here: the capture's cheap header test first, the parse only for an
  // authentication answer.
  const headers = facts.responseHeaders;
  if (headers && isAuthResponse(headers)) {
    if (offersWindowsAuth(facts.statusCode, headers)) return 'challenge';
    if (endsWindowsAuth(headers)) return 'handshake-end';
  }
  if (facts.ip && isIntranetAddress(facts.ip, options)) return 'address';
  return null;
}

/** Every http(s) URL, as match patterns. */
export const EVERY_URL_PATTERNS: readonly string[] = ['http://*/*', 'https://*/*'];

/** What the full listeners are registered for: special-use names, the user's intranet patterns and the learned
 *  origins' hosts, without duplicates. `every` means every URL ("Watch every site fully"). */
export function fullWatchPatterns(input: {
  readonly everySite: boolean;
  readonly intranetPatterns: readonly string[];
  readonly learned: LearnedOrigins;
}): string[] {
  if (input.everySite) return [...EVERY_URL_PATTERNS];
  const learnedHosts = input.learned.map((origin) => hostOf(origin)).filter((host): host is string => host !== null);
  return [...new Set([...SPECIAL_USE_NAME_PATTERNS, ...intranetMatchPatterns(input.intranetPatterns), ...learnedHosts.map(hostPattern)])];
}
