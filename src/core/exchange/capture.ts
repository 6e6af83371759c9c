// Builds exchanges from capture events. Pure and synchronous: the background feeds it browser events and
// persists what it returns; tests feed it recorded event streams.
import { type AuthChallenge, parseChallenges, parseCredentials } from '../http/auth-header';
import { isProblem, verdictsOf, worstSeverity } from '../diagnosis/verdicts';
import { isWeakEtype } from '../kerberos/constants';
import { type DecodedTokenText, decodeToken } from '../token/decode';
import {
  type BrowserFamily,
  type CaptureEvent,
  type CompletedEvent,
  type Header,
  type RequestHeadersEvent,
  type ResponseHeadersEvent,
  headerValue,
  headerValues,
  headersFingerprint,
  requestHeadBytes,
} from './events';
import type { AuthItem, Exchange, Leg, LegRequest, LegResponse, TokenSummary } from './model';
import { withoutRawTokens } from './raw-tokens';
import { summarizeExchange } from './summary';

export interface CaptureOptions {
  readonly browser: BrowserFamily;
  /** Keep raw tokens in memory (storage.session); off = only their decoded summary is kept. */
  readonly keepRawTokens: boolean;
}

/** Per-origin facts that outlive evicted exchanges. */
export interface OriginState {
  /** A challenge from this origin has been seen: credentials sent later are not pre-authentication. */
  challenged: boolean;
  exchanges: number;
  kerberos: number;
  ntlm: number;
  failures: number;
}

/** Serializable capture state (what the background keeps in storage.session). */
export interface CaptureSnapshot {
  readonly active: Record<string, Exchange>;
  readonly origins: Record<string, OriginState>;
}

const AUTH_STATUS = new Set([401, 407]);

/** Cheap test run for every request-headers event: does it carry credentials? */
function carriesCredentials(headers: readonly Header[]): boolean {
  for (const header of headers) {
    const length = header.name.length;
    if ((length === 13 || length === 19) && /^(proxy-)?authorization$/i.test(header.name)) return true;
  }
  return false;
}

/** Cheap test run for every response-headers event: is it an authentication answer? */
function isAuthResponse(statusCode: number, headers: readonly Header[]): boolean {
  if (AUTH_STATUS.has(statusCode)) return true;
  for (const header of headers) {
    const length = header.name.length;
    if ((length === 16 || length === 18 || length === 15) && /^(www-authenticate|proxy-authenticate|persistent-auth)$/i.test(header.name)) {
      return true;
    }
  }
  return false;
}

/** Decodes a token into its small summary; never throws. */
export function summarizeToken(token: string): TokenSummary {
  const result = decodeToken(token);
  if (!result.ok) {
    return {
      kind: 'unknown',
      mechanism: null,
      byteLength: 0,
      negState: null,
      kerberosError: null,
      spn: null,
      realm: null,
      ticketEtype: null,
      weakEtype: false,
      mutualRequired: null,
      ntlmResponse: null,
      ntlmUser: null,
      ntlmWorkstation: null,
      ntlmServer: null,
      error: `${result.error.code}: ${result.error.message}`,
    };
  }
  return summarizeDecoded(result.value);
}

/** The small summary of a decoded token. */
export function summarizeDecoded(text: DecodedTokenText): TokenSummary {
  const decoded = text.token;
  const kerberos = decoded.kerberos ?? decoded.spnego?.inner?.kerberos ?? null;
  const ntlm = decoded.ntlm ?? decoded.spnego?.inner?.ntlm ?? null;
  const apReq = kerberos?.message === 'ap-req' ? kerberos : null;
  const ntlmUser = ntlm?.user ? (ntlm.domain ? `${ntlm.domain}\\${ntlm.user}` : ntlm.user) : null;
  return {
    kind: decoded.kind,
    mechanism: decoded.mechanism,
    byteLength: text.bytes.length,
    negState: decoded.spnego?.negState ?? null,
    kerberosError: kerberos?.errorName ?? null,
    spn: apReq?.sname ?? null,
    realm: kerberos?.realm ?? null,
    ticketEtype: apReq?.ticketEtypeName ?? null,
    weakEtype: apReq?.ticketEtype != null && isWeakEtype(apReq.ticketEtype),
    mutualRequired: apReq?.mutualRequired ?? null,
    ntlmResponse: ntlm?.messageType === 3 ? ntlm.responseVersion : null,
    ntlmUser,
    ntlmWorkstation: ntlm?.workstation || null,
    ntlmServer: ntlm?.targetInfo?.dnsComputerName ?? ntlm?.targetInfo?.nbComputerName ?? null,
    error: null,
  };
}

export class Capture {
  private readonly active: Map<string, Exchange>;
  private readonly origins: Map<string, OriginState>;

  constructor(
    private options: CaptureOptions,
    snapshot?: CaptureSnapshot,
  ) {
    this.active = new Map(Object.entries(snapshot?.active ?? {}));
    this.origins = new Map(Object.entries(snapshot?.origins ?? {}));
  }

  /** Turning raw tokens off also drops those held by exchanges still in progress. */
  setKeepRawTokens(keepRawTokens: boolean): void {
    this.options = { ...this.options, keepRawTokens };
    if (keepRawTokens) return;
    for (const [requestId, exchange] of this.active) this.active.set(requestId, withoutRawTokens(exchange));
  }

  /** The near-zero-cost gate: false for the events of requests that have nothing to do with authentication. */
  isRelevant(event: CaptureEvent): boolean {
    switch (event.type) {
      case 'request-headers':
        return this.active.has(event.requestId) || carriesCredentials(event.headers);
      case 'response-headers':
        return this.active.has(event.requestId) || isAuthResponse(event.statusCode, event.headers);
      case 'auth-required':
        return true;
      case 'completed':
        // An authentication answer seen only at completion still counts: its earlier events may have been lost
        // to a stopped worker, and Chromium shows the final response only here.
        return (
          this.active.has(event.requestId) ||
          (event.headers !== undefined && event.url !== undefined && isAuthResponse(event.statusCode, event.headers))
        );
      default:
        return this.active.has(event.requestId);
    }
  }

  /** Applies one event; returns the exchange it created or changed, or null when it was not ours. */
  apply(event: CaptureEvent): Exchange | null {
    if (!this.isRelevant(event)) return null;
    const current = this.active.get(event.requestId);
    let next: Exchange | null;
    switch (event.type) {
      case 'request-headers':
        next = this.onRequest(current ?? this.start(event), event);
        break;
      case 'response-headers':
        next = this.onResponse(current ?? this.start(event), event);
        break;
      case 'auth-required':
        next = current
          ? {
              ...current,
              prompts: [
                ...current.prompts,
                {
                  time: event.time,
                  scheme: event.scheme,
                  realm: event.realm,
                  challenger: `${event.challenger.host}:${event.challenger.port}`,
                  isProxy: event.isProxy,
                },
              ],
            }
          : null;
        break;
      case 'redirect':
        next = current
          ? { ...current, redirects: [...current.redirects, { time: event.time, status: event.statusCode, to: event.redirectUrl }] }
          : null;
        break;
      case 'completed': {
        const started = current ?? this.startFromCompletion(event);
        if (!started) {
          next = null;
          break;
        }
        const withFinal = current ? this.finalResponse(current, event) : this.onResponse(started, this.asResponse(started, event));
        next = { ...withFinal, done: true, endedAt: event.time, finalStatus: event.statusCode };
        break;
      }
      case 'error':
        next = current ? { ...current, done: true, endedAt: event.time, error: event.error } : null;
        break;
    }
    if (!next) return null;
    if (next.done) {
      this.active.delete(next.requestId);
      this.count(next);
    } else {
      this.active.set(next.requestId, next);
    }
    return next;
  }

  /**
   * Takes a finished exchange witnessed elsewhere (the panel's own listeners) that this capture missed: it replaces
   * a partial one of the same request and is counted. Raw tokens follow this capture's setting.
   */
  adopt(exchange: Exchange): Exchange {
    const adopted = { ...(this.options.keepRawTokens ? exchange : withoutRawTokens(exchange)), recoveredByPanel: true };
    this.active.delete(adopted.requestId);
    this.count(adopted);
    return adopted;
  }

  /** Per-origin state, by origin. */
  origin(origin: string): OriginState | undefined {
    return this.origins.get(origin);
  }

  snapshot(): CaptureSnapshot {
    return { active: Object.fromEntries(this.active), origins: Object.fromEntries(this.origins) };
  }

  private start(event: RequestHeadersEvent | ResponseHeadersEvent): Exchange {
    return {
      id: `${this.options.browser}:${event.requestId}`,
      requestId: event.requestId,
      browser: this.options.browser,
      url: event.url,
      origin: originOf(event.url),
      method: event.method,
      resourceType: event.resourceType,
      tabId: event.tabId,
      frameId: event.frameId,
      initiator: event.initiator,
      startedAt: event.time,
      endedAt: null,
      legs: [],
      hiddenLegs: false,
      prompts: [],
      redirects: [],
      error: null,
      finalStatus: null,
      preAuthenticated: false,
      done: false,
    };
  }

  private onRequest(exchange: Exchange, event: RequestHeadersEvent): Exchange {
    const request: LegRequest = {
      time: event.time,
      credentials: this.credentials(headerValue(event.headers, 'authorization')),
      proxyCredentials: this.credentials(headerValue(event.headers, 'proxy-authorization')),
      headBytes: requestHeadBytes(event.method, event.url, event.headers),
      visible: true,
    };
    const origin = this.originState(exchange.origin);
    const firstLeg = exchange.legs.length === 0;
    const preAuthenticated = exchange.preAuthenticated || (firstLeg && request.credentials !== null && !origin.challenged);
    const last = exchange.legs[exchange.legs.length - 1];
    // A new leg starts with each request; a repeated onSendHeaders for the same leg replaces it.
    const legs =
      last && last.response === null
        ? [...exchange.legs.slice(0, -1), { request, response: null }]
        : [...exchange.legs, { request, response: null }];
    return { ...exchange, url: event.url, legs, preAuthenticated };
  }

  /** An exchange whose first event is its completion (earlier events not captured). */
  private startFromCompletion(event: CompletedEvent): Exchange | null {
    if (event.url === undefined || !event.headers) return null;
    return {
      ...this.start({
        type: 'response-headers',
        requestId: event.requestId,
        url: event.url,
        method: event.method ?? 'GET',
        resourceType: event.resourceType ?? 'other',
        tabId: event.tabId ?? -1,
        frameId: event.frameId ?? 0,
        initiator: event.initiator ?? null,
        time: event.time,
        statusCode: event.statusCode,
        statusLine: event.statusLine ?? '',
        headers: event.headers,
      }),
      hiddenLegs: true,
    };
  }

  private asResponse(exchange: Exchange, event: CompletedEvent): ResponseHeadersEvent {
    return {
      type: 'response-headers',
      requestId: exchange.requestId,
      url: exchange.url,
      method: exchange.method,
      resourceType: exchange.resourceType,
      tabId: exchange.tabId,
      frameId: exchange.frameId,
      initiator: exchange.initiator,
      time: event.time,
      statusCode: event.statusCode,
      statusLine: event.statusLine ?? '',
      headers: event.headers ?? [],
    };
  }

  /**
   * Chromium reports the final response of a handshake only in onCompleted (onHeadersReceived showed the first
   * 401). Add it as a leg unless it is the response we already have (a 401 that was final all along).
   * Firefox reports every response in onHeadersReceived, so its onCompleted adds nothing.
   */
  private finalResponse(exchange: Exchange, event: CompletedEvent): Exchange {
    if (this.options.browser !== 'chromium' || !event.headers) return exchange;
    const last = exchange.legs[exchange.legs.length - 1]?.response;
    if (last && last.fingerprint === headersFingerprint(event.statusCode, event.headers)) return exchange;
    return this.onResponse(exchange, this.asResponse(exchange, event));
  }

  private onResponse(exchange: Exchange, event: ResponseHeadersEvent): Exchange {
    const response: LegResponse = {
      time: event.time,
      status: event.statusCode,
      statusLine: event.statusLine,
      challenges: this.challenges(headerValues(event.headers, 'www-authenticate')),
      proxyChallenges: this.challenges(headerValues(event.headers, 'proxy-authenticate')),
      server: headerValue(event.headers, 'server'),
      persistentAuth: headerValue(event.headers, 'persistent-auth'),
      connection: headerValue(event.headers, 'connection'),
      proxyHints: ['via', 'proxy-connection', 'proxy-support'].flatMap((name) => {
        const value = headerValue(event.headers, name);
        return value === null ? [] : [`${name}: ${value}`];
      }),
      fingerprint: headersFingerprint(event.statusCode, event.headers),
    };
    if (AUTH_STATUS.has(event.statusCode)) this.originState(exchange.origin).challenged = true;
    const last = exchange.legs[exchange.legs.length - 1];
    let legs: Leg[];
    let hiddenLegs = exchange.hiddenLegs;
    if (last && last.response === null) {
      legs = [...exchange.legs.slice(0, -1), { request: last.request, response }];
    } else if (!last) {
      // First thing seen is a response: its request carried no credentials (we would have kept it).
      legs = [{ request: { time: null, credentials: null, proxyCredentials: null, headBytes: null, visible: false }, response }];
    } else {
      // A response without a request in between: the browser sent a leg it did not report (Chromium).
      hiddenLegs = true;
      legs = [...exchange.legs, { request: null, response }];
    }
    return { ...exchange, legs, hiddenLegs };
  }

  private credentials(value: string | null): AuthItem | null {
    if (value === null) return null;
    const [parsed] = parseCredentials(value).challenges;
    return parsed ? this.authItem(parsed) : { scheme: value, kind: 'unknown', token: null, summary: null };
  }

  private challenges(values: readonly string[]): AuthItem[] {
    return values.length === 0 ? [] : parseChallenges(values).challenges.map((challenge) => this.authItem(challenge));
  }

  private authItem(parsed: AuthChallenge): AuthItem {
    const token = parsed.token68;
    const decodable =
      token !== null && (parsed.kind === 'negotiate' || parsed.kind === 'ntlm' || parsed.kind === 'kerberos' || parsed.kind === 'nego2');
    return {
      scheme: parsed.scheme,
      kind: parsed.kind,
      token: this.options.keepRawTokens ? token : null,
      summary: decodable ? summarizeToken(token) : null,
    };
  }

  private originState(origin: string): OriginState {
    let state = this.origins.get(origin);
    if (!state) {
      state = { challenged: false, exchanges: 0, kerberos: 0, ntlm: 0, failures: 0 };
      this.origins.set(origin, state);
    }
    return state;
  }

  private count(exchange: Exchange): void {
    const state = this.originState(exchange.origin);
    state.exchanges++;
    const summary = summarizeExchange(exchange);
    if (summary.mechanism === 'kerberos') state.kerberos++;
    if (summary.mechanism === 'ntlm') state.ntlm++;
    if (isProblem(worstSeverity(verdictsOf(exchange)))) state.failures++;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
