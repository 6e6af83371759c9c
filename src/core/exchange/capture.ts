// Builds exchanges from capture events. Pure and synchronous: the background feeds it browser events and
// persists what it returns; tests feed it recorded event streams.
import { type AuthChallenge, parseChallenges, parseCredentials } from '../decode/http/auth-header';
import { type TokenSummary, summarizeToken } from '../decode/token/summary';
import {
  type Client,
  type CaptureEvent,
  type CompletedEvent,
  type Header,
  type RequestHeadersEvent,
  type ResponseHeadersEvent,
  headerValue,
  headersFingerprint,
  headersNamed,
  requestHeadBytes,
} from './events';
import { MAX_CHALLENGES, MAX_PROMPTS, MAX_REDIRECTS, MAX_TOKEN_CHARS, boundedUrl, finiteTime, noted, withLeg } from './limits';
import type { AuthItem, Exchange, LegRequest, LegResponse } from './model';
import { withoutRawTokens } from './raw-tokens';
import { carriesWindowsCredentials } from './sanitize';
import { isKnownScheme, isWindowsScheme } from '../decode/http/auth-header';

export interface CaptureOptions {
  readonly browser: Client;
  /** Keep raw tokens in memory (storage.session); off = only their decoded summary is kept. */
  readonly keepRawTokens: boolean;
}

/** Per-origin facts that outlive evicted exchanges. */
export interface OriginState {
  /** A challenge from this origin has been seen: credentials sent later are not pre-authentication. */
  challenged: boolean;
}

/** Serializable capture state (what the background keeps in storage.session). */
export interface CaptureSnapshot {
  readonly active: Record<string, Exchange>;
  readonly origins: Record<string, OriginState>;
}

const AUTH_STATUS = new Set([401, 407]);

/** Cheap test run for every request-headers event: does it carry Windows credentials? A site's own Bearer token,
 *  Basic password or API key does not start an exchange (it is none of our business). */
function carriesCredentials(headers: readonly Header[]): boolean {
  for (const header of headers) {
    const length = header.name.length;
    if ((length === 13 || length === 19) && /^(proxy-)?authorization$/i.test(header.name) && carriesWindowsCredentials(header.value))
      return true;
  }
  return false;
}

/** Cheap test run for every response-headers event: is it an authentication answer (a challenge, or the
 *  Persistent-Auth of an authenticated connection)? A 401 without a challenge is an application's own answer. */
export function isAuthResponse(headers: readonly Header[]): boolean {
  for (const header of headers) {
    const length = header.name.length;
    if ((length === 16 || length === 18 || length === 15) && /^(www-authenticate|proxy-authenticate|persistent-auth)$/i.test(header.name)) {
      return true;
    }
  }
  return false;
}

/** An exchange that has only started: no legs, nothing seen yet. */
export function newExchange(
  start: Pick<
    Exchange,
    'id' | 'requestId' | 'browser' | 'url' | 'method' | 'resourceType' | 'tabId' | 'frameId' | 'initiator' | 'startedAt'
  >,
): Exchange {
  return {
    ...start,
    origin: originOf(start.url),
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
        return this.active.has(event.requestId) || isAuthResponse(event.headers);
      case 'auth-required':
        return true;
      case 'completed':
        // An authentication answer seen only at completion still counts: its earlier events may have been lost
        // to a stopped worker, and Chromium shows the final response only here.
        return (
          this.active.has(event.requestId) || (event.headers !== undefined && event.url !== undefined && isAuthResponse(event.headers))
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
        next = !current
          ? null
          : current.prompts.length >= MAX_PROMPTS
            ? noted(current, `more than ${MAX_PROMPTS} credential prompts; the later ones not kept`)
            : {
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
              };
        break;
      case 'redirect':
        next = !current
          ? null
          : current.redirects.length >= MAX_REDIRECTS
            ? noted(current, `more than ${MAX_REDIRECTS} redirects; the later ones not kept`)
            : {
                ...current,
                redirects: [...current.redirects, { time: event.time, status: event.statusCode, to: boundedUrl(event.redirectUrl).url }],
              };
        break;
      case 'completed': {
        const started = current ?? this.startFromCompletion(event);
        if (!started) {
          next = null;
          break;
        }
        const withFinal = current ? this.finalResponse(current, event) : this.onResponse(started, this.asResponse(started, event));
        next = { ...withFinal, done: true, endedAt: finiteTime(event.time), finalStatus: event.statusCode };
        break;
      }
      case 'error':
        next = current ? { ...current, done: true, endedAt: finiteTime(event.time), error: event.error.slice(0, 256) } : null;
        break;
    }
    if (!next) return null;
    if (next.done) {
      this.active.delete(next.requestId);
    } else {
      this.active.set(next.requestId, next);
    }
    return next;
  }

  /**
   * Takes a finished exchange witnessed elsewhere (the panel's own listeners) that this capture missed: it replaces
   * a partial one of the same request. Raw tokens follow this capture's setting.
   */
  adopt(exchange: Exchange): Exchange {
    const adopted = { ...(this.options.keepRawTokens ? exchange : withoutRawTokens(exchange)), recoveredByPanel: true };
    this.active.delete(adopted.requestId);
    return adopted;
  }

  snapshot(): CaptureSnapshot {
    return { active: Object.fromEntries(this.active), origins: Object.fromEntries(this.origins) };
  }

  private start(event: RequestHeadersEvent | ResponseHeadersEvent): Exchange {
    const { url, cut } = boundedUrl(event.url);
    const exchange = newExchange({
      id: `${this.options.browser}:${event.requestId}`,
      requestId: event.requestId,
      browser: this.options.browser,
      url,
      method: event.method.slice(0, 32),
      resourceType: event.resourceType,
      tabId: event.tabId,
      frameId: event.frameId,
      initiator: event.initiator === null ? null : boundedUrl(event.initiator).url,
      startedAt: finiteTime(event.time),
    });
    return cut ? noted(exchange, `URL longer than ${url.length - 1} characters, cut`) : exchange;
  }

  private onRequest(exchange: Exchange, event: RequestHeadersEvent): Exchange {
    const request: LegRequest = {
      time: finiteTime(event.time),
      credentials: this.credentials(headersNamed(event.headers, 'authorization')[0]),
      proxyCredentials: this.credentials(headersNamed(event.headers, 'proxy-authorization')[0]),
      headBytes: event.headBytes ?? requestHeadBytes(event.method, event.url, event.headers),
      visible: true,
    };
    const origin = this.originState(exchange.origin);
    const firstLeg = exchange.legs.length === 0;
    const preAuthenticated = exchange.preAuthenticated || (firstLeg && request.credentials !== null && !origin.challenged);
    const last = exchange.legs[exchange.legs.length - 1];
    // A new leg starts with each request; a repeated onSendHeaders for the same leg replaces it.
    const withRequest =
      last && last.response === null
        ? { ...exchange, legs: [...exchange.legs.slice(0, -1), { request, response: null }] }
        : withLeg(exchange, { request, response: null });
    return withNotes({ ...withRequest, preAuthenticated }, event.notes);
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
      ...(event.finalResponseOnly ? { finalResponseOnly: true } : {}),
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
      ...(event.fingerprint === undefined ? {} : { fingerprint: event.fingerprint }),
      ...(event.notes ? { notes: event.notes } : {}),
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
    if (last && last.fingerprint === (event.fingerprint ?? headersFingerprint(event.statusCode, event.headers))) return exchange;
    return this.onResponse(exchange, this.asResponse(exchange, event));
  }

  private onResponse(exchange: Exchange, event: ResponseHeadersEvent): Exchange {
    const response: LegResponse = {
      time: finiteTime(event.time),
      status: event.statusCode,
      statusLine: event.statusLine.slice(0, 256),
      challenges: this.challenges(headersNamed(event.headers, 'www-authenticate')),
      proxyChallenges: this.challenges(headersNamed(event.headers, 'proxy-authenticate')),
      server: plainHeader(event.headers, 'server'),
      date: plainHeader(event.headers, 'date'),
      persistentAuth: plainHeader(event.headers, 'persistent-auth'),
      connection: plainHeader(event.headers, 'connection'),
      proxyHints: ['via', 'proxy-connection', 'proxy-support'].flatMap((name) => {
        const value = plainHeader(event.headers, name);
        return value === null ? [] : [`${name}: ${value}`];
      }),
      fingerprint: event.fingerprint ?? headersFingerprint(event.statusCode, event.headers),
    };
    if (AUTH_STATUS.has(event.statusCode)) this.originState(exchange.origin).challenged = true;
    const last = exchange.legs[exchange.legs.length - 1];
    let next: Exchange;
    if (last && last.response === null) {
      next = { ...exchange, legs: [...exchange.legs.slice(0, -1), { request: last.request, response }] };
    } else if (!last) {
      // First thing seen is a response: its request carried no credentials (we would have kept it).
      next = {
        ...exchange,
        legs: [{ request: { time: null, credentials: null, proxyCredentials: null, headBytes: null, visible: false }, response }],
      };
    } else {
      // A response without a request in between: the browser sent a leg it did not report (Chromium).
      next = { ...withLeg(exchange, { request: null, response }), hiddenLegs: true };
    }
    return withNotes(next, event.notes);
  }

  /** The credentials of one header: a Windows scheme's token (or its summary), another known scheme's name alone, and
   *  nothing for an unknown scheme (a bare API key is never kept). */
  private credentials(header: Header | undefined): AuthItem | null {
    if (!header) return null;
    const [parsed] = parseCredentials(header.value ?? '').challenges;
    if (!parsed || !isKnownScheme(parsed.scheme)) return null;
    return this.authItem(parsed, header.tokenSummaries?.[0] ?? null);
  }

  private challenges(headers: readonly Header[]): AuthItem[] {
    const items: AuthItem[] = [];
    for (const header of headers) {
      const parsed = parseChallenges(header.value ?? '').challenges.filter((challenge) => isKnownScheme(challenge.scheme));
      parsed.forEach((challenge, index) => {
        if (items.length < MAX_CHALLENGES) items.push(this.authItem(challenge, header.tokenSummaries?.[index] ?? null));
      });
    }
    return items;
  }

  /** Only Windows schemes keep a token and a decoded summary; for any other scheme the name alone is kept. */
  private authItem(parsed: AuthChallenge, known: TokenSummary | null): AuthItem {
    if (!isWindowsScheme(parsed.kind)) return { scheme: parsed.scheme, kind: parsed.kind, token: null, summary: null };
    const token = parsed.token68 !== null && parsed.token68.length <= MAX_TOKEN_CHARS ? parsed.token68 : null;
    return {
      scheme: parsed.scheme,
      kind: parsed.kind,
      token: this.options.keepRawTokens ? token : null,
      summary: token !== null ? summarizeToken(token) : known,
    };
  }

  private originState(origin: string): OriginState {
    let state = this.origins.get(origin);
    if (!state) {
      state = { challenged: false };
      this.origins.set(origin, state);
    }
    return state;
  }
}

/** A header we read as plain text (Server, Persistent-Auth …), bounded. */
function plainHeader(headers: readonly Header[], name: string): string | null {
  const value = headerValue(headers, name);
  return value === null || value.length <= 1024 ? value : `${value.slice(0, 1024)}…`;
}

function withNotes(exchange: Exchange, notes: readonly string[] | undefined): Exchange {
  return (notes ?? []).reduce(noted, exchange);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
