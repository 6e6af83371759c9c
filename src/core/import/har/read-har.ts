// HAR 1.2 (Chrome, Firefox, Fiddler) to exchanges. Fiddler writes one entry per leg; browsers one per request
// (Chrome: first 401 and final response, like webRequest). Consecutive entries for the same method and URL
// where the previous answer was a 401/407 are legs of one exchange. Chrome's sanitized HAR drops Authorization.
import { Capture } from '../../exchange/capture';
import type { BrowserFamily, CaptureEvent, Header } from '../../exchange/events';
import type { Exchange } from '../../exchange/model';
import { type Problem, type Result, fail, ok, problem } from '../../decode/result';

interface HarHeader {
  readonly name?: unknown;
  readonly value?: unknown;
}
interface HarEntry {
  readonly startedDateTime?: unknown;
  readonly request?: { readonly method?: unknown; readonly url?: unknown; readonly headers?: readonly HarHeader[] };
  readonly response?: {
    readonly status?: unknown;
    readonly statusText?: unknown;
    readonly httpVersion?: unknown;
    readonly headers?: readonly HarHeader[];
  };
}

export interface HarImport {
  readonly creator: string | null;
  readonly exchanges: readonly Exchange[];
}

/** A HAR header list as capture reads it; anything that is not a {name, value} pair of strings is skipped. */
const headers = (list: unknown): Header[] =>
  (Array.isArray(list) ? (list as unknown[]) : []).flatMap((header) => {
    const { name, value } = (typeof header === 'object' && header !== null ? header : {}) as HarHeader;
    return typeof name === 'string' ? [{ name, value: typeof value === 'string' ? value : '' }] : [];
  });

const hasAuthorization = (list: readonly Header[]) => list.some((header) => /^(proxy-)?authorization$/i.test(header.name));

export function importHar(har: unknown): Result<HarImport> {
  const log = (har as { log?: { entries?: unknown; creator?: { name?: unknown; version?: unknown } } } | null)?.log;
  if (!log || !Array.isArray(log.entries)) return fail('har-no-entries', 'not a HAR file: no log.entries', 0);
  const creator =
    typeof log.creator?.name === 'string'
      ? `${log.creator.name}${typeof log.creator.version === 'string' ? ` ${log.creator.version}` : ''}`
      : null;
  // The browser that wrote the file (its creator), not the one reading it: Firefox HARs show every leg.
  const browser: BrowserFamily = /firefox/i.test(creator ?? '') ? 'firefox' : 'chromium';
  const warnings: Problem[] = [];
  const capture = new Capture({ browser, keepRawTokens: true });
  const latest = new Map<string, Exchange>();
  let requestId = 0;
  let previous: { key: string; status: number; id: string } | null = null;
  let sawChallenge = false;
  let sawCredentials = false;
  (log.entries as unknown[]).forEach((item, index) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as HarEntry;
    const url = typeof entry.request?.url === 'string' ? entry.request.url : null;
    if (!url) {
      warnings.push(problem('har-bad-entry', `entry ${index}: no request URL`, index));
      return;
    }
    const method = typeof entry.request?.method === 'string' ? entry.request.method : 'GET';
    const key = `${method} ${url}`;
    const requestHeaders = headers(entry.request?.headers);
    const status = Number(entry.response?.status ?? 0) || 0;
    // A retry of a challenged request with credentials is the next leg of the same exchange (Fiddler).
    const continues =
      previous !== null && previous.key === key && (previous.status === 401 || previous.status === 407) && hasAuthorization(requestHeaders);
    const id = continues && previous ? previous.id : `har:${++requestId}`;
    const time = Date.parse(String(entry.startedDateTime ?? '')) || index;
    const identity = { requestId: id, url, method, resourceType: 'other', tabId: -1, frameId: 0, initiator: null, time };
    sawCredentials ||= hasAuthorization(requestHeaders);
    const responseHeaders = headers(entry.response?.headers);
    sawChallenge ||= status === 401 || status === 407;
    const events: CaptureEvent[] = [
      { type: 'request-headers', headers: requestHeaders, ...identity },
      {
        type: 'response-headers',
        statusCode: status,
        statusLine: `${String(entry.response?.httpVersion ?? 'HTTP/1.1')} ${status} ${String(entry.response?.statusText ?? '')}`.trim(),
        headers: responseHeaders,
        ...identity,
      },
    ];
    for (const event of events) {
      const exchange = capture.apply(event);
      if (exchange) latest.set(exchange.id, exchange);
    }
    previous = { key, status, id };
  });
  for (const [id, exchange] of latest) {
    // The final status is the last leg's answer (a lone 401, a rejection, a 431), never a placeholder.
    const done = capture.apply({
      type: 'completed',
      requestId: exchange.requestId,
      time: exchange.legs.at(-1)?.response?.time ?? exchange.startedAt,
      statusCode: exchange.legs.at(-1)?.response?.status ?? 0,
    });
    if (done) latest.set(id, done);
  }
  if (sawChallenge && !sawCredentials) {
    warnings.push(
      problem(
        'har-no-authorization',
        'no Authorization header in the whole file: Chrome’s sanitized HAR export drops it (and the browser hides its own tokens anyway); a NetLog shows them',
        0,
      ),
    );
  }
  return ok({ creator, exchanges: [...latest.values()] }, warnings);
}
