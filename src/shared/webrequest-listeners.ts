// The webRequest listeners AuthScope watches with, as capture events: registered by the background for every tab,
// and by the panel for its inspected tab (a second witness: Chromium drops events it dispatches to a service worker
// that is being stopped, while an open extension page still gets them — docs/platform-notes.md).
import type { CaptureEvent } from '../core/exchange/events';
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

/** Registers the listeners (synchronously: a worker must do it at top level) and returns how to remove them. */
export function watchWebRequests(onEvent: (event: CaptureEvent) => void, options: WatchOptions): () => void {
  const webRequest = (browser.webRequest ?? {}) as unknown as Record<string, WebRequestEvent | undefined>;
  const scope = { urls: ['http://*/*', 'https://*/*'], ...(options.tabId === undefined ? {} : { tabId: options.tabId }) };
  const relay =
    (convert: (details: RequestDetails) => CaptureEvent): Listener =>
    (details) => {
      const event = convert(details);
      if (!options.relevant || options.relevant(event)) onEvent(event);
    };
  const relayCompleted = relay(toCompletedEvent);
  const registrations: [string, Listener, object, string[] | undefined][] = [
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
  for (const [name, listener, filter, extra] of registrations) {
    // Firefox rejects an explicit undefined extraInfoSpec: pass it only when there is one.
    if (extra) webRequest[name]?.addListener(listener, filter as never, extra);
    else webRequest[name]?.addListener(listener, filter as never);
  }
  return () => {
    for (const [name, listener] of registrations) webRequest[name]?.removeListener(listener);
  };
}
