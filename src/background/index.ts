// AuthScope background (service worker in Chromium, event page in Firefox): every listener is registered here at
// top level, before any await, so a stopped worker wakes up for the next event (Chrome "Events in service workers").
import { browser } from '../shared/browser';
import { fromRuntimePort, type RuntimePortLike } from '../shared/port';
import { PROTOCOL_VERSION, isPanelPortMessage, isPanelRequest, type PanelResponse, tabOfPanelPort } from '../shared/protocol';
import { onSettingsChanged } from '../shared/settings';
import { servePanelPort } from './panel-ports';
import { CaptureService } from './capture-service';
import {
  type RequestDetails,
  toAuthRequiredEvent,
  toCompletedEvent,
  toErrorEvent,
  toRedirectEvent,
  toRequestHeadersEvent,
  toResponseHeadersEvent,
} from './webrequest-events';

// Chromium reports the first 401 of a handshake only with "extraHeaders" (PLATFORM.md); Firefox has no such
// option and reports every leg anyway.
const headersReceivedOptions = (browser.webRequest as unknown as { OnHeadersReceivedOptions?: Record<string, string> })
  .OnHeadersReceivedOptions;
const isChromium = headersReceivedOptions?.['EXTRA_HEADERS'] === 'extraHeaders';
const startedAt = Date.now();
const service = new CaptureService(isChromium ? 'chromium' : 'firefox');
const urls = { urls: ['http://*/*', 'https://*/*'] };
type Listener = (details: RequestDetails) => void;
type WebRequestEvent = { addListener(listener: Listener, filter: { urls: string[]; types?: string[] }, extraInfoSpec?: string[]): void };
const webRequest = browser.webRequest as unknown as Record<string, WebRequestEvent>;

const relay =
  (convert: (details: RequestDetails) => Parameters<CaptureService['enqueue']>[0]): Listener =>
  (details) => {
    const event = convert(details);
    if (service.mightMatter(event)) service.enqueue(event);
  };

// Chromium never shows the credentials its network stack adds (PLATFORM.md): the only Authorization its
// onSendHeaders reveals is one a page script set with fetch / XMLHttpRequest, so other request types would cost an
// event each for nothing (docs/performance.md). Firefox shows every leg's token here, for every type.
const sendHeadersFilter = isChromium ? { ...urls, types: ['xmlhttprequest'] } : urls;
webRequest['onSendHeaders']?.addListener(relay(toRequestHeadersEvent), sendHeadersFilter, ['requestHeaders']);
webRequest['onHeadersReceived']?.addListener(
  relay(toResponseHeadersEvent),
  urls,
  isChromium ? ['responseHeaders', 'extraHeaders'] : ['responseHeaders'],
);
webRequest['onAuthRequired']?.addListener(relay(toAuthRequiredEvent), urls);
webRequest['onBeforeRedirect']?.addListener(relay(toRedirectEvent), urls);
webRequest['onErrorOccurred']?.addListener(relay(toErrorEvent), urls);
// Chromium shows the final response of a handshake (with the server's last token) only here.
const relayCompleted = relay(toCompletedEvent);
webRequest['onCompleted']?.addListener(
  (details) => {
    relayCompleted(details);
    if (details.type === 'main_frame') service.reapplyBadge(details.tabId);
  },
  urls,
  isChromium ? ['responseHeaders', 'extraHeaders'] : ['responseHeaders'],
);

browser.tabs.onRemoved.addListener((tabId) => service.forget(tabId));
onSettingsChanged((settings) => service.applySettings(settings));

// A panel opens `panel:<inspectedTabId>`: it gets that tab's exchanges, then every change.
browser.runtime.onConnect.addListener((port) => {
  const tabId = tabOfPanelPort(port.name);
  if (tabId !== null) servePanelPort(fromRuntimePort(port as unknown as RuntimePortLike, isPanelPortMessage), tabId, service);
});

browser.runtime.onMessage.addListener((message: unknown): Promise<PanelResponse> | undefined => {
  if (!isPanelRequest(message)) return undefined;
  return Promise.resolve({
    source: 'authscope-background',
    protocol: PROTOCOL_VERSION,
    type: 'status',
    version: browser.runtime.getManifest().version,
    startedAt,
  });
});
