// Rebuilds exchanges from NetLog events: per URL_REQUEST, each HTTP_TRANSACTION_*_SEND_REQUEST_HEADERS /
// READ_RESPONSE_HEADERS pair is a leg (every leg, unlike Chromium's webRequest), and the request's auth controller
// events (AUTH_HANDLER_CREATE_RESULT, AUTH_LIBRARY_*, AUTH_GENERATE_TOKEN) become its auth-library facts. Legs go
// through the same Capture as live events, so imported exchanges get the same summaries and findings.
// Event and source type numbers are read from the file's own constants: they change between Chromium versions.
import { Capture } from '../../exchange/capture';
import { KEPT_FIRST_LEGS, finiteTime } from '../../exchange/limits';
import type { CaptureEvent, Header } from '../../exchange/events';
import { oidOfBase64Content } from '../../decode/gssapi/oids';
import { authSchemeKind } from '../../decode/http/auth-header';
import type {
  AuthHandlerFact,
  AuthItem,
  AuthLibraryEvent,
  AuthLibraryFacts,
  Exchange,
  Leg,
  SecurityContextFact,
} from '../../exchange/model';
import type { NetLogConstants, NetLogEvent } from './reader';
import { describeSspiStatus, isSspiFailure } from './sspi-status';

const SEND_HEADERS = [
  'HTTP_TRANSACTION_SEND_REQUEST_HEADERS',
  'HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS',
  'HTTP_TRANSACTION_QUIC_SEND_REQUEST_HEADERS',
];
const READ_HEADERS = ['HTTP_TRANSACTION_READ_RESPONSE_HEADERS'];
const AUTH_EVENTS = [
  'AUTH_HANDLER_CREATE_RESULT',
  'AUTH_HANDLER_INIT',
  'AUTH_LIBRARY_IMPORT_NAME',
  'AUTH_LIBRARY_INIT_SEC_CTX',
  'AUTH_LIBRARY_ACQUIRE_CREDS',
  'AUTH_GENERATE_TOKEN',
];

/** "[1026 bytes were stripped]": Default capture mode keeps the size of what it removes. */
const STRIPPED = /\[(\d+) bytes were stripped\]/;

interface RequestState {
  readonly id: number;
  url: string | null;
  method: string;
  initiator: string | null;
  startedAt: number;
  events: CaptureEvent[];
  controllers: number[];
  /** Leg index → characters stripped from its Authorization header, and the scheme its auth handler had then. */
  strippedAuth: Map<number, { readonly length: number; readonly scheme: string | null }>;
  /** Leg index → challenges whose token was stripped, by scheme. */
  strippedChallenges: Map<number, { readonly scheme: string; readonly length: number }[]>;
  legs: number;
  /** The protocol each leg was sent over, from the send-headers event's type. */
  protocols: ('HTTP/2' | 'QUIC' | 'HTTP/1.1')[];
  /** HTTP/2 refusals logged on the request: the server's HTTP_1_1_REQUIRED reset (ERR_HTTP_1_1_REQUIRED, −365). */
  http11Errors: AuthLibraryEvent[];
  relevant: boolean;
  error: string | null;
}

interface ControllerState {
  scheme: string | null;
  allowsDefaultCredentials: boolean | null;
  spn: string | null;
  delegationRequested: boolean | null;
  events: AuthLibraryEvent[];
  handlers: AuthHandlerFact[];
  contexts: SecurityContextFact[];
}

const SCHEME_NAMES: Record<string, string> = { negotiate: 'Negotiate', ntlm: 'NTLM', basic: 'Basic', digest: 'Digest' };

/** Collects what matters from a NetLog's events and builds the authentication exchanges at the end. */
export class NetLogExchanges {
  private types = new Map<number, string>();
  private urlRequestSource = -1;
  private timeOffset = 0;
  private netErrors = new Map<number, string>();
  private readonly requests = new Map<number, RequestState>();
  private readonly controllers = new Map<number, ControllerState>();
  /** Exchanges of requests that ended, built at once so their events need not be kept; their auth controllers'
   *  facts are joined at the end (a controller may log after its request ended). */
  private readonly finished: { readonly exchange: Exchange; readonly controllers: readonly number[] }[] = [];
  browser: string | null = null;

  onConstants(constants: NetLogConstants): void {
    const wanted = new Set([
      ...SEND_HEADERS,
      ...READ_HEADERS,
      ...AUTH_EVENTS,
      'URL_REQUEST_START_JOB',
      'AUTH_BOUND_TO_CONTROLLER',
      'REQUEST_ALIVE',
      'HTTP2_STREAM_ERROR',
    ]);
    this.types = new Map(
      Object.entries(constants.logEventTypes)
        .filter(([name]) => wanted.has(name))
        .map(([name, value]) => [value, name]),
    );
    this.urlRequestSource = constants.logSourceType['URL_REQUEST'] ?? -1;
    this.timeOffset = finiteTime(Number((constants as { timeTickOffset?: string }).timeTickOffset ?? 0));
    this.netErrors = new Map(Object.entries(constants.netError ?? {}).map(([name, value]) => [value, `net::${name}`]));
    const client = constants.clientInfo;
    if (client?.name) this.browser = `${client.name}${client.version ? ` ${client.version}` : ''}`;
  }

  onEvent(event: NetLogEvent): void {
    const name = this.types.get(event.type);
    if (!name) return;
    const params = event.params ?? {};
    if (event.source.type === this.urlRequestSource) this.onRequestEvent(name, event, params);
    else if (AUTH_EVENTS.includes(name)) this.onControllerEvent(name, event, params);
  }

  /** The authentication exchanges, oldest first. */
  exchanges(): Exchange[] {
    const open = [...this.requests.values()].filter((request) => request.relevant).flatMap((request) => this.build(request));
    return [...this.finished, ...open]
      .map(({ exchange, controllers }) => ({ ...exchange, authLibrary: this.authLibraryOf(controllers) }))
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  private onRequestEvent(name: string, event: NetLogEvent, params: Record<string, unknown>): void {
    let request = this.requests.get(event.source.id);
    if (name === 'URL_REQUEST_START_JOB' && event.phase === 1) {
      if (!request) {
        request = {
          id: event.source.id,
          url: null,
          method: 'GET',
          initiator: null,
          startedAt: finiteTime(this.timeOffset + event.time),
          events: [],
          controllers: [],
          strippedAuth: new Map(),
          strippedChallenges: new Map(),
          legs: 0,
          protocols: [],
          http11Errors: [],
          relevant: false,
          error: null,
        };
        this.requests.set(event.source.id, request);
      }
      if (request.url === null) {
        request.url = typeof params['url'] === 'string' ? params['url'] : null;
        request.method = typeof params['method'] === 'string' ? params['method'] : 'GET';
        request.initiator = typeof params['initiator'] === 'string' && params['initiator'] !== 'not an origin' ? params['initiator'] : null;
      }
      return;
    }
    if (!request || request.url === null) return;
    const identity = {
      requestId: `netlog:${request.id}`,
      time: finiteTime(this.timeOffset + event.time),
      url: request.url,
      method: request.method,
      resourceType: 'other',
      tabId: -1,
      frameId: 0,
      initiator: request.initiator,
    };
    if (SEND_HEADERS.includes(name)) {
      const headers = headerList(params['headers']).map((header) => {
        const stripped = /^(proxy-)?authorization$/i.test(header.name) ? STRIPPED.exec(header.value ?? '') : null;
        if (!stripped) return header;
        request.relevant = true;
        const scheme = this.schemeOf(request);
        request.strippedAuth.set(request.legs, { length: Number(stripped[1]), scheme });
        return { name: header.name, value: scheme ?? 'Negotiate' };
      });
      if (headers.some((header) => /^(proxy-)?authorization$/i.test(header.name))) request.relevant = true;
      request.legs++;
      request.protocols.push(
        name === 'HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS'
          ? 'HTTP/2'
          : name === 'HTTP_TRANSACTION_QUIC_SEND_REQUEST_HEADERS'
            ? 'QUIC'
            : 'HTTP/1.1',
      );
      request.events.push({ type: 'request-headers', headers, ...identity });
    } else if (READ_HEADERS.includes(name)) {
      const [statusLine = '', ...lines] = Array.isArray(params['headers']) ? (params['headers'] as unknown[]).map(String) : [];
      const statusCode = Number(/^\S+\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers = headerList(lines).map((header) => {
        const value = header.value ?? '';
        const stripped = STRIPPED.exec(value);
        if (!stripped) return header;
        const scheme = value.slice(0, stripped.index).trim();
        if (/^(www|proxy)-authenticate$/i.test(header.name) && scheme) {
          const list = request.strippedChallenges.get(request.legs - 1) ?? [];
          list.push({ scheme, length: Number(stripped[1]) });
          request.strippedChallenges.set(request.legs - 1, list);
        }
        return { name: header.name, value: value.replace(STRIPPED, '').trim() };
      });
      if (statusCode === 401 || statusCode === 407) request.relevant = true;
      request.events.push({ type: 'response-headers', statusCode, statusLine, headers, ...identity });
    } else if (name === 'HTTP2_STREAM_ERROR' && /HTTP_1_1_REQUIRED/.test(String(params['net_error'] ?? params['description'] ?? ''))) {
      request.http11Errors.push({ event: name, detail: String(params['description'] ?? params['net_error']) });
    } else if (name === 'AUTH_BOUND_TO_CONTROLLER') {
      const controller = (params['source_dependency'] as { id?: number } | undefined)?.id;
      if (typeof controller === 'number' && !request.controllers.includes(controller)) request.controllers.push(controller);
      request.relevant = true;
    } else if (name === 'REQUEST_ALIVE' && event.phase === 2) {
      const error = params['net_error'];
      if (typeof error === 'number' && error !== 0) request.error = this.netErrors.get(error) ?? `net error ${error}`;
      const lastResponse = [...request.events].reverse().find((candidate) => candidate.type === 'response-headers');
      const statusCode = lastResponse?.type === 'response-headers' ? lastResponse.statusCode : 0;
      request.events.push({ type: 'completed', requestId: identity.requestId, time: identity.time, statusCode });
      this.requests.delete(request.id);
      // Requests with nothing to do with authentication are dropped here: memory stays bounded on huge logs.
      if (request.relevant) this.finished.push(...this.build(request));
    }
  }

  private onControllerEvent(name: string, event: NetLogEvent, params: Record<string, unknown>): void {
    let controller = this.controllers.get(event.source.id);
    if (!controller) {
      controller = {
        scheme: null,
        allowsDefaultCredentials: null,
        spn: null,
        delegationRequested: null,
        events: [],
        handlers: [],
        contexts: [],
      };
      this.controllers.set(event.source.id, controller);
    }
    if (typeof params['scheme'] === 'string') controller.scheme = params['scheme'];
    if (typeof params['allows_default_credentials'] === 'boolean')
      controller.allowsDefaultCredentials = params['allows_default_credentials'];
    if (typeof params['spn'] === 'string') controller.spn = params['spn'].replace('@', '/');
    const flags = (params['context'] as { flags?: { delegated?: boolean } } | undefined)?.flags;
    if (typeof flags?.delegated === 'boolean') controller.delegationRequested = flags.delegated;
    if (name === 'AUTH_HANDLER_CREATE_RESULT' && typeof params['scheme'] === 'string') {
      const error = params['net_error'];
      controller.handlers.push({
        scheme: params['scheme'],
        netError: typeof error === 'number' && error !== 0 ? (this.netErrors.get(error) ?? `net error ${error}`) : null,
      });
    }
    if (name === 'AUTH_LIBRARY_INIT_SEC_CTX' && (params['context'] !== undefined || params['status'] !== undefined)) {
      controller.contexts.push(securityContext(params));
    }
    const detail = this.detail(params);
    if (detail) controller.events.push({ event: name, detail });
  }

  /** The readable part of an auth event: net error names, GSSAPI major/minor messages, SSPI statuses. */
  private detail(params: Record<string, unknown>): string {
    const parts: string[] = [];
    if (typeof params['net_error'] === 'number') parts.push(this.netErrors.get(params['net_error']) ?? `net error ${params['net_error']}`);
    if (typeof params['scheme'] === 'string') parts.push(`scheme ${params['scheme']}`);
    if (typeof params['allows_default_credentials'] === 'boolean')
      parts.push(`allows_default_credentials: ${params['allows_default_credentials']}`);
    if (typeof params['spn'] === 'string') parts.push(`spn ${params['spn']}`);
    const status = params['status'] as
      | { function?: string; major_status?: { message?: unknown }; minor_status?: { message?: unknown }; security_status?: unknown }
      | undefined;
    if (status) {
      if (status.function) parts.push(status.function);
      const major = status.major_status?.message;
      const minor = status.minor_status?.message;
      if (major) parts.push(`major: ${[major].flat().join('; ')}`);
      if (minor) parts.push(`minor: ${[minor].flat().join('; ')}`);
      if (typeof status.security_status === 'number') parts.push(`status: ${describeSspiStatus(status.security_status)}`);
    }
    return parts.join(' · ');
  }

  /** The scheme of the auth handler bound to the request so far; null before any (a page's own header). */
  private schemeOf(request: RequestState): string | null {
    for (const id of [...request.controllers].reverse()) {
      const scheme = this.controllers.get(id)?.scheme;
      if (scheme) return SCHEME_NAMES[scheme.toLowerCase()] ?? scheme;
    }
    return null;
  }

  private build(request: RequestState): { readonly exchange: Exchange; readonly controllers: readonly number[] }[] {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: true });
    let exchange: Exchange | null = null;
    for (const event of request.events) exchange = capture.apply(event) ?? exchange;
    if (!exchange) return [];
    // A very long exchange keeps its first legs and its latest (limits.ts): map back to the request's leg numbers.
    const dropped = exchange.droppedLegs ?? 0;
    const original = (index: number) => (index < KEPT_FIRST_LEGS ? index : index + dropped);
    const legs = exchange.legs.map((leg, index) =>
      withStrippedTokens(leg, request.strippedAuth.get(original(index)), request.strippedChallenges.get(original(index))),
    );
    const http11Retry = http11RetryOf(request, exchange);
    return [
      {
        exchange: {
          ...exchange,
          id: `netlog:${request.id}`,
          legs,
          error: request.error ?? exchange.error,
          done: true,
          ...(http11Retry.length > 0 ? { http11Retry } : {}),
        },
        controllers: request.controllers,
      },
    ];
  }

  /** What the request's auth controllers logged, joined (null when it had none). */
  private authLibraryOf(ids: readonly number[]): AuthLibraryFacts | null {
    const controllers = ids.flatMap((id) => this.controllers.get(id) ?? []);
    if (controllers.length === 0) return null;
    return {
      allowsDefaultCredentials: lastKnown(controllers.map((controller) => controller.allowsDefaultCredentials)),
      spn: lastKnown(controllers.map((controller) => controller.spn)),
      delegationRequested: lastKnown(controllers.map((controller) => controller.delegationRequested)),
      events: controllers.flatMap((controller) => controller.events),
      handlers: controllers.flatMap((controller) => controller.handlers),
      contexts: controllers.flatMap((controller) => controller.contexts),
    };
  }
}

/**
 * The request went over HTTP/2 (or QUIC) until a Windows challenge, then over HTTP/1.1: Chromium's connection-based
 * auth handlers (Negotiate, NTLM) mark the server HTTP/1.1-only and restart on a new connection, with or without the
 * server's HTTP_1_1_REQUIRED reset (RFC 7540 §7, error code 0xd) logged as ERR_HTTP_1_1_REQUIRED.
 */
function http11RetryOf(request: RequestState, exchange: Exchange): AuthLibraryEvent[] {
  const multiplexed = request.protocols.findIndex((protocol) => protocol !== 'HTTP/1.1');
  const retried = multiplexed < 0 ? -1 : request.protocols.indexOf('HTTP/1.1', multiplexed + 1);
  if (retried < 0) return request.http11Errors;
  const challenged = exchange.legs
    .slice(multiplexed, retried)
    .some((leg) => (leg.response?.challenges ?? []).some((item) => /^(negotiate|ntlm)$/.test(item.kind)));
  if (!challenged && request.http11Errors.length === 0) return [];
  return [
    ...request.http11Errors,
    {
      event:
        request.protocols[multiplexed] === 'QUIC'
          ? 'HTTP_TRANSACTION_QUIC_SEND_REQUEST_HEADERS'
          : 'HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS',
      detail: `leg ${multiplexed + 1} sent over ${request.protocols[multiplexed]}`,
    },
    { event: 'HTTP_TRANSACTION_SEND_REQUEST_HEADERS', detail: `leg ${retried + 1} sent again over HTTP/1.1, on a new connection` },
  ];
}

/**
 * A Default-mode NetLog keeps only the size of a stripped token: the leg's credentials and challenges say so (the
 * mechanism is inferred from them), and the stripped characters still count toward the request size.
 */
function withStrippedTokens(
  leg: Leg,
  auth: { readonly length: number; readonly scheme: string | null } | undefined,
  challenges: readonly { readonly scheme: string; readonly length: number }[] | undefined,
): Leg {
  let request = leg.request;
  if (auth && request?.credentials) {
    const credentials: AuthItem = {
      scheme: auth.scheme ?? '',
      kind: auth.scheme ? authSchemeKind(auth.scheme) : 'unknown',
      token: null,
      summary: null,
      strippedLength: auth.length,
    };
    // The placeholder scheme Capture counted is replaced by the stripped characters (reference size estimate).
    const placeholder = (auth.scheme ?? 'Negotiate').length;
    request = { ...request, credentials, headBytes: (request.headBytes ?? 0) - placeholder + auth.length };
  }
  let response = leg.response;
  if (challenges && response) {
    const pending = [...challenges];
    const mark = (item: AuthItem): AuthItem => {
      const at = pending.findIndex((candidate) => candidate.scheme.toLowerCase() === item.scheme.toLowerCase() && item.token === null);
      if (at < 0) return item;
      const [stripped] = pending.splice(at, 1);
      return { ...item, strippedLength: stripped?.length ?? null };
    };
    response = { ...response, challenges: response.challenges.map(mark), proxyChallenges: response.proxyChallenges.map(mark) };
  }
  return request === leg.request && response === leg.response ? leg : { request, response };
}

/**
 * A GSS-API major status fails when its calling or routine error bits are set (RFC 2744 §3.9.1); the low 16 bits are
 * supplementary information such as GSS_S_CONTINUE_NEEDED. An SSPI status fails when negative (SEC_E_*), and Chromium
 * writes it as a signed number.
 */
function libraryFailed(status: { major_status?: { status?: unknown }; security_status?: unknown }): boolean {
  const major = Number(status.major_status?.status);
  if (Number.isFinite(major)) return (major & 0xffff0000) !== 0;
  return typeof status.security_status === 'number' && isSspiFailure(status.security_status);
}

/** AUTH_LIBRARY_INIT_SEC_CTX: the context's mechanism and credential name type (GSS-API OIDs in base64 content
 *  octets), or the library's failure message. */
function securityContext(params: Record<string, unknown>): SecurityContextFact {
  const context = params['context'] as { mechanism?: { bytes?: unknown } | string; source?: { type?: { bytes?: unknown } } } | undefined;
  const status = params['status'] as
    { major_status?: { message?: unknown; status?: unknown }; minor_status?: { message?: unknown }; security_status?: unknown } | undefined;
  const mechanismBytes = typeof context?.mechanism === 'object' ? context.mechanism.bytes : undefined;
  const mechanism =
    typeof context?.mechanism === 'string'
      ? context.mechanism
      : typeof mechanismBytes === 'string'
        ? oidOfBase64Content(mechanismBytes)
        : null;
  const nameType = context?.source?.type?.bytes;
  const messages = [status?.minor_status?.message, status?.major_status?.message]
    .flat()
    .filter((message) => typeof message === 'string' && message);
  const sspi = typeof status?.security_status === 'number' ? describeSspiStatus(status.security_status) : 'failed';
  const error = status && libraryFailed(status) ? (messages.length > 0 ? messages.join('; ') : sspi) : null;
  return { mechanism, sourceNameType: typeof nameType === 'string' ? oidOfBase64Content(nameType) : null, error };
}

const lastKnown = <T>(values: readonly (T | null)[]): T | null => [...values].reverse().find((value) => value !== null) ?? null;

function headerList(value: unknown): Header[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((line): Header[] => {
    const text = String(line);
    const colon = text.indexOf(':');
    return colon > 0 ? [{ name: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() }] : [];
  });
}
