// AuthScope background (service worker in Chromium, event page in Firefox).
// Live capture of authentication exchanges and the badge are built on this entry point (issue 3);
// until then it only keeps the extension's version available to its pages.
import { browser } from '../shared/browser';
import { PROTOCOL_VERSION, isPanelRequest, type PanelResponse } from '../shared/protocol';

browser.runtime.onMessage.addListener((message: unknown): Promise<PanelResponse> | undefined => {
  if (!isPanelRequest(message)) return undefined;
  return Promise.resolve({
    source: 'authscope-background',
    protocol: PROTOCOL_VERSION,
    type: 'status',
    version: browser.runtime.getManifest().version,
  });
});
