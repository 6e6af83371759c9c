// The webRequest listeners AuthScope watches with, as capture events: registered by the background for every tab,
// and by the panel for its inspected tab (a second witness: Chromium drops events it dispatches to a service worker
// that is being stopped, while an open extension page still gets them — docs/platform-notes.md). Chromium's background
// watches in two tiers (cheap everywhere, full where Windows authentication lives); the panel watches its tab fully.
import { isAuthResponse } from '../core/exchange/capture';
import type { CaptureEvent } from '../core/exchange/events';
import { type CheapFacts, EVERY_URL_PATTERNS, hostMatcher, hostOf } from '../core/exchange/watch-scope';
import { browser } from './browser';
import { needsExtraHeaders } from './capabilities';
import {
  type RequestDetails,
  toAuthRequiredEvent,
  toCompletedEvent,
  toErrorEvent,
  toRedirectEvent,
  toRequestHeadersEvent,
  toResponseHeadersEvent,
} from './webrequest-events';

type Listener = (details: RequestDetails) => void;
interface WebRequestEvent {
  addListener(listener: Listener, filter: { urls: string[]; types?: string[]; tabId?: number }, extraInfoSpec?: string[]): void;
  removeListener(listener: Listener): void;
}

export interface WatchOptions {
  /** Only this tab's requests (the panel's inspected tab); every tab when absent. */
  readonly tabId?: number;
  /** Whether an event is worth handing on; cheap, called for every event. Every event when absent. */
  readonly relevant?: (event: CaptureEvent) => boolean;
  /** Called after a main-frame request completed (the badge is re-applied after a navigation commits). */
  readonly onMainFrameCompleted?: (tabId: number) => void;
}

type Registration = [string, Listener, object, string[] | undefined];

/** The full listeners ("extraHeaders" in Chromium: every leg and header Chromium shows) over `urls`. */
function fullRegistrations(onEvent: (event: CaptureEvent) => void, options: WatchOptions, urls: readonly string[]): Registration[] {
  const scope = { urls: [...urls], ...(options.tabId === undefined ? {} : { tabId: options.tabId }) };
  const relay =
    (convert: (details: RequestDetails) => CaptureEvent): Listener =>
    (details) => {
      const event = convert(details);
      if (!options.relevant || options.relevant(event)) onEvent(event);
    };
  const relayCompleted = relay(toCompletedEvent);
  return [
    // Chromium never shows the credentials its network stack adds (docs/platform-notes.md): the only Authorization its
    // onSendHeaders reveals is one a page script set with fetch / XMLHttpRequest, so other request types would cost
    // an event each for nothing (docs/performance.md). Firefox shows every leg's token here, for every type.
    [
      'onSendHeaders',
      relay(toRequestHeadersEvent),
      needsExtraHeaders ? { ...scope, types: ['xmlhttprequest'] } : scope,
      ['requestHeaders'],
    ],
    [
      'onHeadersReceived',
      relay(toResponseHeadersEvent),
      scope,
      needsExtraHeaders ? ['responseHeaders', 'extraHeaders'] : ['responseHeaders'],
    ],
    ['onAuthRequired', relay(toAuthRequiredEvent), scope, undefined],
    ['onBeforeRedirect', relay(toRedirectEvent), scope, undefined],
    ['onErrorOccurred', relay(toErrorEvent), scope, undefined],
    // Chromium shows the final response of a handshake (with the server's last token) only here.
    [
      'onCompleted',
      (details) => {
        relayCompleted(details);
        if (details.type === 'main_frame') options.onMainFrameCompleted?.(details.tabId);
      },
      scope,
      needsExtraHeaders ? ['responseHeaders', 'extraHeaders'] : ['responseHeaders'],
    ],
  ];
}

function webRequestEvents(): Record<string, WebRequestEvent | undefined> {
  return (browser.webRequest ?? {}) as unknown as Record<string, WebRequestEvent | undefined>;
}

function register(registrations: readonly Registration[]): void {
  const webRequest = webRequestEvents();
  for (const [name, listener, filter, extra] of registrations) {
    // Firefox rejects an explicit undefined extraInfoSpec: pass it only when there is one.
    if (extra) webRequest[name]?.addListener(listener, filter as never, extra);
    else webRequest[name]?.addListener(listener, filter as never);
  }
}

function unregister(registrations: readonly Registration[]): void {
  const webRequest = webRequestEvents();
  for (const [name, listener] of registrations) webRequest[name]?.removeListener(listener);
}

const EVERY_URL = [...EVERY_URL_PATTERNS];

/** Registers the full listeners on every URL (synchronously: a worker must do it at top level) and returns how to
 *  remove them. Firefox's background and every panel watch this way. */
export function watchWebRequests(onEvent: (event: CaptureEvent) => void, options: WatchOptions): () => void {
  const registrations = fullRegistrations(onEvent, options, EVERY_URL);
  register(registrations);
  return () => unregister(registrations);
}

export interface TieredWatchOptions extends WatchOptions {
  /** Where the full listeners start (registered synchronously, so they wake a stopped worker). */
  readonly fullPatterns: readonly string[];
  /** Every cheap event outside the full listeners' reach, for learning. */
  readonly onCheapFacts: (facts: CheapFacts) => void;
}

/** Re-registers the full listeners of a tiered watch. */
export interface TieredWatch {
  setFullPatterns(patterns: readonly string[]): void;
}

/** Requests the full listeners saw, remembered until they end (most ever kept at once). */
const MAX_FULL_REQUESTS = 5000;

/**
 * Chromium's two tiers (docs/performance.md, issue 19): cheap listeners without "extraHeaders" on every URL — the
 * final response (status, headers, server address) and prompts — and the full listeners only where Windows
 * authentication lives. A request the full listeners saw and still reach is theirs; one redirected out of their reach
 * ends through the cheap ones; any other is relayed from the cheap ones (its final response only: what Chromium shows
 * without "extraHeaders") and offered for learning. Registered synchronously.
 */
export function watchWebRequestsTiered(onEvent: (event: CaptureEvent) => void, options: TieredWatchOptions): TieredWatch {
  const seenFully = new Set<string>();
  const noteFull = (requestId: string) => {
    if (seenFully.size >= MAX_FULL_REQUESTS) seenFully.delete(seenFully.values().next().value as string);
    seenFully.add(requestId);
  };
  const relay = (event: CaptureEvent) => {
    if (!options.relevant || options.relevant(event)) onEvent(event);
  };
  let patternsNow = options.fullPatterns;
  let watchesFully = hostMatcher(patternsNow);
  // Chromium filters by the request's current URL: a request redirected out of the full listeners' reach is heard
  // by the cheap ones only from then on.
  const stillFull = (url: string) => {
    const host = hostOf(url);
    return host !== null && watchesFully(host);
  };
  const cheap: Registration[] = [
    [
      'onCompleted',
      (details) => {
        const seen = seenFully.delete(details.requestId);
        if (seen && stillFull(details.url)) return;
        // Every response of every site passes here: the details go to learning as they are, and only an
        // authentication answer, or the end of a request the full listeners started, becomes an event (the capture
        // would drop any other: nothing started it).
        options.onCheapFacts(details);
        if (seen) relay(toCompletedEvent(details));
        else if (details.responseHeaders && isAuthResponse(details.responseHeaders))
          relay({ ...toCompletedEvent(details), finalResponseOnly: true });
        if (details.type === 'main_frame') options.onMainFrameCompleted?.(details.tabId);
      },
      { urls: EVERY_URL },
      ['responseHeaders'],
    ],
    [
      'onAuthRequired',
      (details) => {
        const seen = seenFully.has(details.requestId);
        if (seen && stillFull(details.url)) return;
        options.onCheapFacts({
          url: details.url,
          authRequired: true,
          ...(details.scheme === undefined ? {} : { authScheme: details.scheme }),
          isProxy: details.isProxy ?? false,
        });
        // A prompt joins an exchange the full listeners started; alone it starts none (the capture drops it).
        if (seen) relay(toAuthRequiredEvent(details));
      },
      { urls: EVERY_URL },
      undefined,
    ],
  ];
  // While the full listeners cover every URL ("Watch every site fully") the cheap ones would only double each event.
  let cheapRegistered = false;
  const setCheap = (wanted: boolean) => {
    if (wanted === cheapRegistered) return;
    (wanted ? register : unregister)(cheap);
    cheapRegistered = wanted;
  };
  const coversEveryUrl = (patterns: readonly string[]) => EVERY_URL.every((pattern) => patterns.includes(pattern));
  setCheap(!coversEveryUrl(options.fullPatterns));
  const full = (patterns: readonly string[]) =>
    fullRegistrations(
      onEvent,
      {
        ...options,
        // Every full event passes here first: note its request until it ends (its completion is noted by whichever
        // onCompleted runs first, and re-noting it here would keep it forever), then ask the caller.
        relevant: (event) => {
          if (event.type === 'error') seenFully.delete(event.requestId);
          else if (event.type !== 'completed') noteFull(event.requestId);
          return !options.relevant || options.relevant(event);
        },
      },
      patterns,
    );
  let current = full(patternsNow);
  register(current);
  return {
    setFullPatterns(patterns) {
      if (patterns.join(' ') === patternsNow.join(' ')) return;
      // Removed and added in the same task, so the gap without full listeners is as short as it can be.
      unregister(current);
      current = full(patterns);
      patternsNow = patterns;
      watchesFully = hostMatcher(patterns);
      register(current);
      setCheap(!coversEveryUrl(patterns));
    },
  };
}
