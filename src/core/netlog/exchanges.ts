// Rebuilds exchanges from NetLog events: per URL_REQUEST, each HTTP_TRANSACTION_*_SEND_REQUEST_HEADERS /
// READ_RESPONSE_HEADERS pair is a leg (every leg, unlike Chromium's webRequest), and the request's auth controller
// events (AUTH_HANDLER_CREATE_RESULT, AUTH_LIBRARY_*, AUTH_GENERATE_TOKEN) become its auth-library facts. Legs go
// through the same Capture as live events, so imported exchanges get the same summaries and findings.
// Event and source type numbers are read from the file's own constants: they change between Chromium versions.
import { Capture } from '../exchange/capture';
import type { CaptureEvent, Header } from '../exchange/events';
import type { AuthLibraryEvent, AuthLibraryFacts, Exchange } from '../exchange/model';
import type { NetLogConstants, NetLogEvent } from './reader';

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
  /** Leg index → bytes stripped from its Authorization header. */
  strippedAuth: Map<number, number>;
  legs: number;
  relevant: boolean;
  error: string | null;
}

interface ControllerState {
  scheme: string | null;
  allowsDefaultCredentials: boolean | null;
  spn: string | null;
  delegationRequested: boolean | null;
  events: AuthLibraryEvent[];
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
  private readonly finished: RequestState[] = [];
  browser: string | null = null;

  onConstants(constants: NetLogConstants): void {
    const wanted = new Set([
      ...SEND_HEADERS,
      ...READ_HEADERS,
      ...AUTH_EVENTS,
      'URL_REQUEST_START_JOB',
      'AUTH_BOUND_TO_CONTROLLER',
      'REQUEST_ALIVE',
    ]);
    this.types = new Map(
      Object.entries(constants.logEventTypes)
        .filter(([name]) => wanted.has(name))
        .map(([name, value]) => [value, name]),
    );
    this.urlRequestSource = constants.logSourceType['URL_REQUEST'] ?? -1;
    this.timeOffset = Number((constants as { timeTickOffset?: string }).timeTickOffset ?? 0);
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
    const all = [...this.finished, ...[...this.requests.values()].filter((request) => request.relevant)];
    return all.sort((a, b) => a.startedAt - b.startedAt).flatMap((request) => this.build(request));
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
          startedAt: this.timeOffset + event.time,
          events: [],
          controllers: [],
          strippedAuth: new Map(),
          legs: 0,
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
      time: this.timeOffset + event.time,
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
        request.strippedAuth.set(request.legs, Number(stripped[1]));
        return { name: header.name, value: this.schemeOf(request) };
      });
      if (headers.some((header) => /^(proxy-)?authorization$/i.test(header.name))) request.relevant = true;
      request.legs++;
      request.events.push({ type: 'request-headers', headers, ...identity });
    } else if (READ_HEADERS.includes(name)) {
      const [statusLine = '', ...lines] = Array.isArray(params['headers']) ? (params['headers'] as unknown[]).map(String) : [];
      const statusCode = Number(/^\S+\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers = headerList(lines).map((header) => ({ name: header.name, value: (header.value ?? '').replace(STRIPPED, '').trim() }));
      if (statusCode === 401 || statusCode === 407) request.relevant = true;
      request.events.push({ type: 'response-headers', statusCode, statusLine, headers, ...identity });
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
      if (request.relevant) this.finished.push(request);
    }
  }

  private onControllerEvent(name: string, event: NetLogEvent, params: Record<string, unknown>): void {
    let controller = this.controllers.get(event.source.id);
    if (!controller) {
      controller = { scheme: null, allowsDefaultCredentials: null, spn: null, delegationRequested: null, events: [] };
      this.controllers.set(event.source.id, controller);
    }
    if (typeof params['scheme'] === 'string') controller.scheme = params['scheme'];
    if (typeof params['allows_default_credentials'] === 'boolean')
      controller.allowsDefaultCredentials = params['allows_default_credentials'];
    if (typeof params['spn'] === 'string') controller.spn = params['spn'].replace('@', '/');
    const flags = (params['context'] as { flags?: { delegated?: boolean } } | undefined)?.flags;
    if (typeof flags?.delegated === 'boolean') controller.delegationRequested = flags.delegated;
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
      if (status.security_status !== undefined) parts.push(`status: ${String(status.security_status)}`);
    }
    return parts.join(' · ');
  }

  private schemeOf(request: RequestState): string {
    for (const id of [...request.controllers].reverse()) {
      const scheme = this.controllers.get(id)?.scheme;
      if (scheme) return SCHEME_NAMES[scheme.toLowerCase()] ?? scheme;
    }
    return 'Negotiate';
  }

  private build(request: RequestState): Exchange[] {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: true });
    let exchange: Exchange | null = null;
    for (const event of request.events) exchange = capture.apply(event) ?? exchange;
    if (!exchange) return [];
    const legs = exchange.legs.map((leg, index) => {
      const stripped = request.strippedAuth.get(index);
      if (stripped === undefined || !leg.request) return leg;
      // The stripped token's size still counts toward the request size (reference/003 estimate).
      return { ...leg, request: { ...leg.request, headBytes: (leg.request.headBytes ?? 0) + stripped } };
    });
    const controllers = request.controllers.flatMap((id) => this.controllers.get(id) ?? []);
    const authLibrary: AuthLibraryFacts | null =
      controllers.length === 0
        ? null
        : {
            allowsDefaultCredentials: lastKnown(controllers.map((controller) => controller.allowsDefaultCredentials)),
            spn: lastKnown(controllers.map((controller) => controller.spn)),
            delegationRequested: lastKnown(controllers.map((controller) => controller.delegationRequested)),
            events: controllers.flatMap((controller) => controller.events),
          };
    return [{ ...exchange, id: `netlog:${request.id}`, legs, error: request.error ?? exchange.error, authLibrary, done: true }];
  }
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
