// Exports exchanges as HAR 1.2, one entry per leg (as Fiddler does, so importHar joins them again), redacted by
// a profile — tokens (credentials, which also carry the user, domain and workstation names) masked by default —
// with a receipt of what was removed. Cookies and bodies are never captured, so never exported.
import type { AuthItem, Exchange, Leg } from '../exchange/model';

export type Redaction = 'none' | 'mask' | 'remove';

export interface RedactionProfile {
  /** Raw tokens in Authorization / WWW-Authenticate headers: kept, masked with their size, or removed. */
  readonly tokens: Redaction;
}

export const DEFAULT_REDACTION: RedactionProfile = { tokens: 'mask' };

export interface ExportReceipt {
  readonly entries: number;
  readonly tokensMasked: number;
  readonly tokensRemoved: number;
  readonly tokensKept: number;
  /** Headers AuthScope never captured, so never exported (cookies, bodies). */
  readonly neverCaptured: readonly string[];
  /** Where identities are: inside the tokens only. */
  readonly identities: string;
}

interface HarHeader {
  readonly name: string;
  readonly value: string;
}

function authHeader(
  name: string,
  item: AuthItem,
  profile: RedactionProfile,
  count: { masked: number; removed: number; kept: number },
): HarHeader[] {
  if (!item.token) return [{ name, value: item.scheme }];
  if (profile.tokens === 'remove') {
    // The scheme alone stays: it says a credential was sent (and keeps the legs of one exchange together).
    count.removed++;
    return [{ name, value: item.scheme }];
  }
  if (profile.tokens === 'mask') {
    count.masked++;
    return [{ name, value: `${item.scheme} [${item.summary?.byteLength ?? '?'} bytes masked by AuthScope]` }];
  }
  count.kept++;
  return [{ name, value: `${item.scheme} ${item.token}` }];
}

function legEntry(
  exchange: Exchange,
  leg: Leg,
  index: number,
  profile: RedactionProfile,
  count: { masked: number; removed: number; kept: number },
) {
  const requestHeaders: HarHeader[] = [];
  if (leg.request?.credentials) requestHeaders.push(...authHeader('Authorization', leg.request.credentials, profile, count));
  if (leg.request?.proxyCredentials)
    requestHeaders.push(...authHeader('Proxy-Authorization', leg.request.proxyCredentials, profile, count));
  const response = leg.response;
  const responseHeaders: HarHeader[] = [
    ...(response?.challenges ?? []).flatMap((item) => authHeader('WWW-Authenticate', item, profile, count)),
    ...(response?.proxyChallenges ?? []).flatMap((item) => authHeader('Proxy-Authenticate', item, profile, count)),
    ...(response?.server ? [{ name: 'Server', value: response.server }] : []),
    ...(response?.persistentAuth ? [{ name: 'Persistent-Auth', value: response.persistentAuth }] : []),
    ...(response?.connection ? [{ name: 'Connection', value: response.connection }] : []),
  ];
  const time = leg.request?.time ?? response?.time ?? exchange.startedAt;
  return {
    startedDateTime: new Date(time).toISOString(),
    time: response && leg.request?.time ? Math.max(0, response.time - leg.request.time) : 0,
    request: {
      method: exchange.method,
      url: exchange.url,
      httpVersion: 'HTTP/1.1',
      headers: requestHeaders,
      queryString: [],
      cookies: [],
      headersSize: leg.request?.headBytes ?? -1,
      bodySize: -1,
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusLine.replace(/^\S+\s+\d+\s*/, '') ?? '',
      httpVersion: 'HTTP/1.1',
      headers: responseHeaders,
      cookies: [],
      content: { size: -1, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: `AuthScope ${exchange.id} leg ${index + 1}${leg.request === null ? ' (request hidden by the browser)' : ''}`,
  };
}

export function exportHar(exchanges: readonly Exchange[], profile: RedactionProfile = DEFAULT_REDACTION, version = '0.0.0') {
  const count = { masked: 0, removed: 0, kept: 0 };
  const entries = exchanges.flatMap((exchange) => exchange.legs.map((leg, index) => legEntry(exchange, leg, index, profile, count)));
  const receipt: ExportReceipt = {
    entries: entries.length,
    tokensMasked: count.masked,
    tokensRemoved: count.removed,
    tokensKept: count.kept,
    neverCaptured: ['Cookie', 'Set-Cookie', 'request and response bodies', 'headers other than the authentication ones'],
    identities:
      count.kept > 0
        ? 'kept inside the raw tokens (NTLM user, domain and workstation; Kerberos client realm)'
        : 'none: user, domain and workstation names exist only inside the tokens, which were not kept',
  };
  const har = { log: { version: '1.2', creator: { name: 'AuthScope', version }, entries, comment: `Redaction: tokens ${profile.tokens}` } };
  return { har, receipt };
}
