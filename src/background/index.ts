// AuthScope background (service worker in Chromium, event page in Firefox): every listener is registered here at
// top level, before any await, so a stopped worker wakes up for the next event (Chrome "Events in service workers").
import { browser } from '../shared/browser';
import { fromRuntimePort, type RuntimePortLike } from '../shared/port';
import {
  type AllExchangesResponse,
  PROTOCOL_VERSION,
  isPanelPortMessage,
  isPanelRequest,
  type PanelResponse,
  tabOfPanelPort,
} from '../shared/protocol';
import {
  loadLearnedOrigins,
  loadLoopbackIsPublic,
  loadSettings,
  onLearnedOriginsChanged,
  onLoopbackIsPublicChanged,
  onSettingsChanged,
  saveLearnedOrigins,
} from '../shared/settings';
import { servePanelPort } from './panel-ports';
import { CaptureService } from './capture-service';
import { ExchangeStore } from './exchange-store';
import { showBadge } from './badge';
import { browserFamily, needsExtraHeaders } from '../shared/capabilities';
import { type TieredWatch, watchWebRequests, watchWebRequestsTiered } from '../shared/webrequest-listeners';
import { WatchScope } from './watch-scope';

const startedAt = Date.now();
const store = new ExchangeStore(browser.storage.session);
const service = new CaptureService(browserFamily, {
  store,
  showBadge,
  loadSettings,
});

const watchOptions = {
  relevant: (event: Parameters<typeof service.mightMatter>[0]) => service.mightMatter(event),
  onMainFrameCompleted: (tabId: number) => service.reapplyBadge(tabId),
};

// Chromium: cheap listeners everywhere, full ("extraHeaders") listeners only where Windows authentication lives
// (docs/performance.md). Firefox has no extraHeaders price: one tier, every site fully.
let tiered: TieredWatch | null = null;
const scope = needsExtraHeaders
  ? new WatchScope({
      loadSettings,
      loadLearned: loadLearnedOrigins,
      saveLearned: saveLearnedOrigins,
      loadLoopbackIsPublic,
      setFullPatterns: (patterns) => tiered?.setFullPatterns(patterns),
    })
  : null;
if (scope) {
  tiered = watchWebRequestsTiered((event) => service.enqueue(event), {
    ...watchOptions,
    fullPatterns: scope.fullPatterns,
    onCheapFacts: (facts) => scope.learn(facts),
  });
} else {
  watchWebRequests((event) => service.enqueue(event), watchOptions);
}

browser.tabs.onRemoved.addListener((tabId) => service.forget(tabId));
onSettingsChanged((settings) => {
  service.applySettings(settings);
  scope?.applySettings(settings);
});
onLearnedOriginsChanged((stored) => scope?.learnedChanged(stored));
onLoopbackIsPublicChanged((loopbackIsPublic) => scope?.setLoopbackIsPublic(loopbackIsPublic));

// A panel opens `panel:<inspectedTabId>`: it gets that tab's exchanges, then every change.
browser.runtime.onConnect.addListener((port) => {
  const tabId = tabOfPanelPort(port.name);
  if (tabId !== null) servePanelPort(fromRuntimePort(port as unknown as RuntimePortLike, isPanelPortMessage), tabId, service);
});

browser.runtime.onMessage.addListener((message: unknown): Promise<PanelResponse | AllExchangesResponse> | undefined => {
  if (!isPanelRequest(message)) return undefined;
  if (message.type === 'get-all-exchanges') {
    return store.loadAll().then((exchanges): AllExchangesResponse => ({
      source: 'authscope-background',
      protocol: PROTOCOL_VERSION,
      type: 'all-exchanges',
      exchanges,
    }));
  }
  return Promise.resolve({
    source: 'authscope-background',
    protocol: PROTOCOL_VERSION,
    type: 'status',
    version: browser.runtime.getManifest().version,
    startedAt,
    captureFailures: service.failures,
  });
});
