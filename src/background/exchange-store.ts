// Captured exchanges in storage.session (memory only: tokens are credentials), per tab and bounded.
// The worker's globals are a cache of this; after the worker is stopped everything is read back from here.
import type { CaptureSnapshot } from '../core/exchange/capture';
import type { CaptureEvent } from '../core/exchange/events';
import type { Exchange } from '../core/exchange/model';
import type { TabSize } from '../core/exchange/retention';
import { browser } from '../shared/browser';

/** Most exchanges kept per tab; the oldest go first (per-origin counters live on in the capture snapshot). */
export const MAX_EXCHANGES_PER_TAB = 500;
/** Most exchanges kept over all tabs together (storage.session is capped at 10 MB in Chrome). */
export const MAX_EXCHANGES_TOTAL = 2000;
/** Most JSON kept over all tabs together: 2 MB reached 7.8 MB of Chrome's storage.session accounting in `npm run soak`. */
export const MAX_STORED_JSON_BYTES = 1.75 * 1024 * 1024;

const SIZES_KEY = 'tab-sizes';

/** Count and oldest start of each tab's stored list, kept beside them so eviction needs no full read. */
export async function loadTabSizes(): Promise<Record<string, TabSize>> {
  return ((await browser.storage.session.get(SIZES_KEY))[SIZES_KEY] as Record<string, TabSize> | undefined) ?? {};
}

export async function saveTabSizes(sizes: Record<string, TabSize>): Promise<void> {
  await browser.storage.session.set({ [SIZES_KEY]: sizes });
}

/** The size record of a stored tab. */
export function sizeOf(tab: StoredTab): TabSize {
  return { count: tab.exchanges.length, oldest: tab.exchanges[0]?.startedAt ?? 0, bytes: JSON.stringify(tab).length };
}

const CAPTURE_KEY = 'capture';
const tabKey = (tabId: number) => `tab:${tabId}`;

export interface StoredTab {
  readonly exchanges: readonly Exchange[];
}

export async function loadCapture(): Promise<CaptureSnapshot | undefined> {
  const stored = await browser.storage.session.get(CAPTURE_KEY);
  return stored[CAPTURE_KEY] as CaptureSnapshot | undefined;
}

export async function saveCapture(capture: CaptureSnapshot): Promise<void> {
  await browser.storage.session.set({ [CAPTURE_KEY]: capture });
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

/**
 * Writes the changed tabs, their sizes, the capture state, and the journal entries they include (set to null =
 * done) in one call, so a worker stopped at any point leaves either the events pending or their effect saved.
 */
export async function save(
  tabs: ReadonlyMap<number, StoredTab>,
  sizes: Record<string, TabSize>,
  capture: CaptureSnapshot,
  journalDone: readonly string[],
): Promise<void> {
  await browser.storage.session.set({
    ...Object.fromEntries([...tabs].map(([tabId, tab]) => [tabKey(tabId), tab])),
    [SIZES_KEY]: sizes,
    [CAPTURE_KEY]: capture,
    ...Object.fromEntries(journalDone.map((key) => [key, null])),
  });
}

/** Removes journal entries whose events are stored (or changed nothing). */
export async function journalDone(keys: readonly string[]): Promise<void> {
  await browser.storage.session.remove([...keys]);
}

const JOURNAL_PREFIX = 'journal:';
let journalCounter = 0;

/**
 * Write-ahead journal: the event is written the moment it arrives, before any await, so a worker stopped while
 * processing it (Chromium stops workers at will) leaves it to the next worker. Returns the entry's key.
 */
export function journal(event: CaptureEvent): string {
  const key = `${JOURNAL_PREFIX}${String(Date.now()).padStart(15, '0')}:${String(journalCounter++).padStart(9, '0')}:${Math.random().toString(36).slice(2, 8)}`;
  void browser.storage.session.set({ [key]: event });
  return key;
}

/** Journal entries a stopped worker left unprocessed, oldest first; finished (null) entries are removed. */
export async function pendingJournal(exclude: ReadonlySet<string>): Promise<{ key: string; event: CaptureEvent }[]> {
  const stored = await browser.storage.session.get(null);
  const finished: string[] = [];
  const pending: { key: string; event: CaptureEvent }[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith(JOURNAL_PREFIX) || exclude.has(key)) continue;
    if (value === null) finished.push(key);
    else pending.push({ key, event: value as CaptureEvent });
  }
  if (finished.length > 0) await browser.storage.session.remove(finished);
  return pending.sort((left, right) => (left.key < right.key ? -1 : 1));
}

/** Writes one tab's list (eviction). */
export async function saveTab(tabId: number, tab: StoredTab): Promise<void> {
  await browser.storage.session.set({ [tabKey(tabId)]: tab });
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabKey(tabId));
}
