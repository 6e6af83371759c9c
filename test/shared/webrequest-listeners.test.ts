// The listeners' wiring against a stand-in for Chromium's webRequest that honours URL filters: which listeners the
// two tiers register, where, with which extra info, and which of them hands on an event.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureEvent } from '../../src/core/exchange/events';
import type { CheapFacts } from '../../src/core/exchange/watch-scope';
import type { RequestDetails } from '../../src/shared/webrequest-events';

type Listener = (details: RequestDetails) => void;
interface Registered {
  readonly listener: Listener;
  readonly filter: { urls: string[]; types?: string[]; tabId?: number };
  readonly extra: string[] | undefined;
}

const webRequest = vi.hoisted(() => {
  const listeners = new Map<string, Registered[]>();
  const event = (name: string) => ({
    addListener: (listener: Listener, filter: Registered['filter'], extra?: string[]) =>
      listeners.set(name, [...(listeners.get(name) ?? []), { listener, filter, extra }]),
    removeListener: (listener: Listener) =>
      listeners.set(
        name,
        (listeners.get(name) ?? []).filter((entry) => entry.listener !== listener),
      ),
  });
  const names = ['onSendHeaders', 'onHeadersReceived', 'onAuthRequired', 'onBeforeRedirect', 'onErrorOccurred', 'onCompleted'];
  return {
    listeners,
    api: {
      // What makes capabilities.ts decide "Chromium".
      OnHeadersReceivedOptions: { EXTRA_HEADERS: 'extraHeaders' },
      ...Object.fromEntries(names.map((name) => [name, event(name)])),
    },
  };
});
vi.mock('../../src/shared/browser', () => ({ browser: { webRequest: webRequest.api } }));

const { watchWebRequestsTiered } = await import('../../src/shared/webrequest-listeners');

/** Chromium's match patterns as far as AuthScope writes them: scheme or `*`, host, `*.host` or `*`, path `/*`. */
function matches(pattern: string, url: string): boolean {
  const parsed = /^(\*|https?):\/\/(\*|\*\.[^/]+|[^/]+)\/\*$/.exec(pattern);
  if (!parsed) throw new Error(`pattern the stand-in does not know: ${pattern}`);
  const [, scheme, host] = parsed as unknown as [string, string, string];
  const target = new URL(url);
  if (scheme !== '*' && `${scheme}:` !== target.protocol) return false;
  const hostname = target.hostname;
  if (host === '*') return true;
  if (host.startsWith('*.')) return hostname === host.slice(2) || hostname.endsWith(host.slice(1));
  return hostname === host;
}

/** Fires a webRequest event the way Chromium would: to every listener whose filter admits the request. */
function fire(name: string, details: RequestDetails): void {
  for (const { listener, filter } of webRequest.listeners.get(name) ?? []) {
    if (!filter.urls.some((pattern) => matches(pattern, details.url))) continue;
    if (filter.types && !filter.types.includes(details.type)) continue;
    listener(details);
  }
}

const registered = (name: string) => webRequest.listeners.get(name) ?? [];

function details(requestId: string, url: string, extra: Partial<RequestDetails> = {}): RequestDetails {
  return { requestId, url, method: 'GET', type: 'image', tabId: 7, frameId: 0, timeStamp: 1000, ...extra };
}

const LAB = ['*://*.lab.test/*'];
const EVERY_URL = ['http://*/*', 'https://*/*'];

function watch(fullPatterns: readonly string[] = LAB) {
  const events: CaptureEvent[] = [];
  const facts: CheapFacts[] = [];
  const mainFrames: number[] = [];
  const tiered = watchWebRequestsTiered((event) => events.push(event), {
    fullPatterns,
    onCheapFacts: (fact) => facts.push(fact),
    onMainFrameCompleted: (tabId) => mainFrames.push(tabId),
  });
  return { tiered, events, facts, mainFrames };
}

describe('watchWebRequestsTiered (Chromium)', () => {
  beforeEach(() => webRequest.listeners.clear());

  it('registers cheap listeners without extraHeaders on every URL and the full ones only where it is told', () => {
    watch();
    const completed = registered('onCompleted');
    expect(completed.map((entry) => [entry.filter.urls, entry.extra])).toEqual([
      [EVERY_URL, ['responseHeaders']],
      [LAB, ['responseHeaders', 'extraHeaders']],
    ]);
    expect(registered('onAuthRequired').map((entry) => entry.filter.urls)).toEqual([EVERY_URL, LAB]);
    expect(registered('onHeadersReceived').map((entry) => [entry.filter.urls, entry.extra])).toEqual([
      [LAB, ['responseHeaders', 'extraHeaders']],
    ]);
    expect(registered('onSendHeaders').map((entry) => entry.filter)).toEqual([{ urls: LAB, types: ['xmlhttprequest'] }]);
  });

  it('hands on a fully watched request once, from the full listeners, and offers nothing for learning', () => {
    const { events, facts, mainFrames } = watch();
    const challenge = { statusCode: 401, responseHeaders: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] };
    fire('onHeadersReceived', details('1', 'http://intranet.lab.test:8080/', { ...challenge, type: 'main_frame' }));
    fire('onCompleted', details('1', 'http://intranet.lab.test:8080/', { statusCode: 200, ip: '127.0.0.1', type: 'main_frame' }));
    expect(events.map((event) => event.type)).toEqual(['response-headers', 'completed']);
    expect(facts).toEqual([]);
    expect(mainFrames).toEqual([7]);
  });

  it('hands on only the final response of a request outside the full listeners, and offers its facts for learning', () => {
    const { events, facts, mainFrames } = watch();
    const headers = [{ name: 'Persistent-Auth', value: 'true' }];
    fire('onHeadersReceived', details('2', 'https://www.example.com/', { statusCode: 200, responseHeaders: headers }));
    fire('onCompleted', details('2', 'https://www.example.com/', { statusCode: 200, responseHeaders: headers, ip: '93.184.216.34' }));
    fire(
      'onAuthRequired',
      details('3', 'https://prompt.example.com/', { scheme: 'ntlm', challenger: { host: 'prompt.example.com', port: 443 } }),
    );
    // An ordinary response elsewhere is offered for learning and goes no further.
    fire('onCompleted', details('4', 'https://cdn.example.com/a.png', { statusCode: 200, responseHeaders: [], ip: '203.0.113.9' }));
    // A prompt alone starts no exchange (the capture would drop it): it is offered for learning only.
    expect(events.map((event) => [event.type, event.requestId])).toEqual([['completed', '2']]);
    expect(events[0]).toMatchObject({ statusCode: 200, finalResponseOnly: true });
    expect(facts).toMatchObject([
      { url: 'https://www.example.com/', ip: '93.184.216.34', statusCode: 200, responseHeaders: headers },
      { url: 'https://prompt.example.com/', authRequired: true, authScheme: 'ntlm', isProxy: false },
      { url: 'https://cdn.example.com/a.png', ip: '203.0.113.9', statusCode: 200 },
    ]);
    expect(mainFrames).toEqual([]);
  });

  it("ends through the cheap listeners a request redirected out of the full listeners' reach", () => {
    const { events, facts } = watch();
    fire('onHeadersReceived', details('6', 'http://app.lab.test/login', { statusCode: 302, responseHeaders: [] }));
    fire('onBeforeRedirect', details('6', 'http://app.lab.test/login', { statusCode: 302, redirectUrl: 'https://adfs.example.com/' }));
    fire(
      'onAuthRequired',
      details('6', 'https://adfs.example.com/', { scheme: 'negotiate', challenger: { host: 'adfs.example.com', port: 443 } }),
    );
    fire('onCompleted', details('6', 'https://adfs.example.com/', { statusCode: 200, responseHeaders: [], ip: '93.184.216.34' }));
    expect(events.map((event) => event.type)).toEqual(['response-headers', 'redirect', 'auth-required', 'completed']);
    expect(events.at(-1)).not.toHaveProperty('finalResponseOnly');
    expect(facts.map((fact) => fact.url)).toEqual(['https://adfs.example.com/', 'https://adfs.example.com/']);
  });

  it('forgets a fully watched request that failed, and one whose completion came first through the full listeners', () => {
    const { events } = watch();
    fire('onHeadersReceived', details('7', 'http://app.lab.test/', { statusCode: 401, responseHeaders: [] }));
    fire('onErrorOccurred', details('7', 'http://app.lab.test/', { error: 'net::ERR_ABORTED' }));
    fire('onHeadersReceived', details('8', 'http://app.lab.test/', { statusCode: 200, responseHeaders: [] }));
    fire('onCompleted', details('8', 'http://app.lab.test/', { statusCode: 200, responseHeaders: [] }));
    const afterwards = events.length;
    // Request ids are never reused within a browser session; a stale id would make the cheap listeners skip this one.
    fire(
      'onCompleted',
      details('7', 'https://other.example.com/', { statusCode: 401, responseHeaders: [{ name: 'WWW-Authenticate', value: 'NTLM' }] }),
    );
    expect(events.slice(afterwards)).toMatchObject([{ type: 'completed', requestId: '7', finalResponseOnly: true }]);
  });

  it('re-registers the full listeners when the patterns change, and not when they do not', () => {
    const { tiered, events } = watch();
    const before = registered('onHeadersReceived')[0]?.listener;
    tiered.setFullPatterns([...LAB]);
    expect(registered('onHeadersReceived')[0]?.listener).toBe(before);
    tiered.setFullPatterns([...LAB, '*://10.0.0.5/*']);
    expect(registered('onHeadersReceived').map((entry) => entry.filter.urls)).toEqual([[...LAB, '*://10.0.0.5/*']]);
    expect(registered('onCompleted')).toHaveLength(2);
    fire(
      'onHeadersReceived',
      details('4', 'http://10.0.0.5/', { statusCode: 401, responseHeaders: [{ name: 'WWW-Authenticate', value: 'NTLM' }] }),
    );
    expect(events.map((event) => event.type)).toEqual(['response-headers']);
  });

  it('drops the cheap listeners while the full ones cover every URL, and brings them back after', () => {
    const { tiered, events, facts } = watch();
    tiered.setFullPatterns(EVERY_URL);
    expect(registered('onCompleted').map((entry) => entry.extra)).toEqual([['responseHeaders', 'extraHeaders']]);
    expect(registered('onAuthRequired')).toHaveLength(1);
    fire('onCompleted', details('5', 'https://www.example.com/', { statusCode: 200, ip: '93.184.216.34', responseHeaders: [] }));
    expect(events.map((event) => event.type)).toEqual(['completed']);
    expect(facts).toEqual([]);
    tiered.setFullPatterns(LAB);
    expect(registered('onCompleted').map((entry) => entry.filter.urls)).toEqual(expect.arrayContaining([EVERY_URL, LAB]));
    expect(registered('onCompleted')).toHaveLength(2);
  });

  it('starts without the cheap listeners when it starts watching every URL', () => {
    watch(EVERY_URL);
    expect(registered('onCompleted')).toHaveLength(1);
    expect(registered('onAuthRequired')).toHaveLength(1);
  });
});
