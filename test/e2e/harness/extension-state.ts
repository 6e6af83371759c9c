// Reads what the extension captured, from inside an extension page (storage.session is only visible there).
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Exchange } from '../../../src/core/exchange/model';
import type { CaptureEvent } from '../../../src/core/exchange/events';

export interface TabCapture {
  readonly tabId: number;
  readonly exchanges: Exchange[];
  readonly badgeText: string;
  readonly badgeColor: number[];
  readonly badgeTitle: string;
}

/** Every tab's exchanges plus its badge, read through the extension's own APIs (chrome.action.getBadgeText). */
export async function readCapture(extensionPage: PlaywrightPage): Promise<TabCapture[]> {
  return extensionPage.evaluate(async () => {
    const stored = await chrome.storage.session.get(null);
    const tabs: { tabId: number; exchanges: never[]; badgeText: string; badgeColor: number[]; badgeTitle: string }[] = [];
    for (const [key, value] of Object.entries(stored)) {
      if (!key.startsWith('tab:')) continue;
      const tabId = Number(key.slice(4));
      try {
        tabs.push({
          tabId,
          exchanges: (value as { exchanges: never[] }).exchanges,
          badgeText: await chrome.action.getBadgeText({ tabId }),
          badgeColor: await chrome.action.getBadgeBackgroundColor({ tabId }),
          badgeTitle: await chrome.action.getTitle({ tabId }),
        });
      } catch {
        // The tab closed after its exchanges were stored; it has no badge to read.
      }
    }
    return tabs;
  });
}

/** The recorded capture events (settings.recordEvents). */
export async function readTrace(extensionPage: PlaywrightPage): Promise<CaptureEvent[]> {
  return extensionPage.evaluate(async () => ((await chrome.storage.session.get('trace'))['trace'] as never[]) ?? []);
}
