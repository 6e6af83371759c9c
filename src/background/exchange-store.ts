// Captured exchanges in storage.session (memory only: tokens are credentials), per tab and bounded.
// The worker's globals are a cache of this; after the worker is stopped everything is read back from here.
import type { CaptureSnapshot } from '../core/exchange/capture';
import type { Exchange } from '../core/exchange/model';
import { browser } from '../shared/browser';

/** Most exchanges kept per tab; the oldest go first (per-origin counters live on in the capture snapshot). */
export const MAX_EXCHANGES_PER_TAB = 500;

const CAPTURE_KEY = 'capture';
const tabKey = (tabId: number) => `tab:${tabId}`;

export interface StoredTab {
  readonly exchanges: readonly Exchange[];
}

export async function loadCapture(): Promise<CaptureSnapshot | undefined> {
  const stored = await browser.storage.session.get(CAPTURE_KEY);
  return stored[CAPTURE_KEY] as CaptureSnapshot | undefined;
}

export async function loadTab(tabId: number): Promise<StoredTab> {
  const stored = await browser.storage.session.get(tabKey(tabId));
  return (stored[tabKey(tabId)] as StoredTab | undefined) ?? { exchanges: [] };
}

/** Inserts or replaces the exchange in its tab's list, evicting the oldest beyond the bound. */
export function withExchange(tab: StoredTab, exchange: Exchange): StoredTab {
  const index = tab.exchanges.findIndex((candidate) => candidate.id === exchange.id);
  const exchanges = index >= 0 ? tab.exchanges.map((candidate, at) => (at === index ? exchange : candidate)) : [...tab.exchanges, exchange];
  return { exchanges: exchanges.length > MAX_EXCHANGES_PER_TAB ? exchanges.slice(exchanges.length - MAX_EXCHANGES_PER_TAB) : exchanges };
}

/** Writes the tab's exchanges and the capture state in one call, so a stopped worker loses neither. */
export async function save(tabId: number, tab: StoredTab, capture: CaptureSnapshot): Promise<void> {
  await browser.storage.session.set({ [tabKey(tabId)]: tab, [CAPTURE_KEY]: capture });
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabKey(tabId));
}
