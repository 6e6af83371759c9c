// Captured exchanges in storage.session (memory only: tokens are credentials), per tab and bounded, behind the
// KeyValueStore seam. The worker's globals are a cache of this; after the worker is stopped everything is read
// back from here. A write-ahead journal keeps events that arrived but were not processed yet.
import type { CaptureSnapshot } from '../core/exchange/capture';
import type { CaptureEvent } from '../core/exchange/events';
import type { Exchange } from '../core/exchange/model';
import type { TabSize } from '../core/exchange/retention';
import type { KeyValueStore } from '../shared/key-value-store';

/** Most exchanges kept per tab; the oldest go first. */
export const MAX_EXCHANGES_PER_TAB = 500;
/** Most exchanges kept over all tabs together (storage.session is capped at 10 MB in Chrome). */
export const MAX_EXCHANGES_TOTAL = 2000;
/** Most JSON kept over all tabs together: 2 MB reached 7.8 MB of Chrome's storage.session accounting in `npm run soak`. */
export const MAX_STORED_JSON_BYTES = 1.75 * 1024 * 1024;

const SIZES_KEY = 'tab-sizes';
const CAPTURE_KEY = 'capture';
const JOURNAL_PREFIX = 'journal:';
const tabKey = (tabId: number) => `tab:${tabId}`;

export interface StoredTab {
  readonly exchanges: readonly Exchange[];
}

/** The size record of a stored tab. */
export function sizeOf(tab: StoredTab): TabSize {
  return { count: tab.exchanges.length, oldest: tab.exchanges[0]?.startedAt ?? 0, bytes: JSON.stringify(tab).length };
}

/** Inserts or replaces the exchange in its tab's list, evicting the oldest beyond the bound. */
export function withExchange(tab: StoredTab, exchange: Exchange): StoredTab {
  const index = tab.exchanges.findIndex((candidate) => candidate.id === exchange.id);
  const exchanges = index >= 0 ? tab.exchanges.map((candidate, at) => (at === index ? exchange : candidate)) : [...tab.exchanges, exchange];
  return { exchanges: exchanges.length > MAX_EXCHANGES_PER_TAB ? exchanges.slice(exchanges.length - MAX_EXCHANGES_PER_TAB) : exchanges };
}

export class ExchangeStore {
  private journalCounter = 0;

  constructor(private readonly store: KeyValueStore) {}

  /** Count and oldest start of each tab's stored list, kept beside them so eviction needs no full read. */
  async loadTabSizes(): Promise<Record<string, TabSize>> {
    return ((await this.store.get(SIZES_KEY))[SIZES_KEY] as Record<string, TabSize> | undefined) ?? {};
  }

  async saveTabSizes(sizes: Record<string, TabSize>): Promise<void> {
    await this.store.set({ [SIZES_KEY]: sizes });
  }

  async loadCapture(): Promise<CaptureSnapshot | undefined> {
    return (await this.store.get(CAPTURE_KEY))[CAPTURE_KEY] as CaptureSnapshot | undefined;
  }

  async saveCapture(capture: CaptureSnapshot): Promise<void> {
    await this.store.set({ [CAPTURE_KEY]: capture });
  }

  /** Every stored tab's exchanges, oldest tab first. */
  async loadAll(): Promise<Exchange[]> {
    const tabs = Object.keys(await this.loadTabSizes()).map(Number);
    const stored = await Promise.all(tabs.map((tabId) => this.loadTab(tabId)));
    return stored.flatMap((tab) => tab.exchanges);
  }

  async loadTab(tabId: number): Promise<StoredTab> {
    return ((await this.store.get(tabKey(tabId)))[tabKey(tabId)] as StoredTab | undefined) ?? { exchanges: [] };
  }

  /** Writes one tab's list (eviction, raw tokens turned off). */
  async saveTab(tabId: number, tab: StoredTab): Promise<void> {
    await this.store.set({ [tabKey(tabId)]: tab });
  }

  async forgetTab(tabId: number): Promise<void> {
    await this.store.remove(tabKey(tabId));
  }

  /**
   * Writes the changed tabs, their sizes, the capture state, and the journal entries they include (set to null =
   * done) in one call, so a worker stopped at any point leaves either the events pending or their effect saved.
   */
  async save(
    tabs: ReadonlyMap<number, StoredTab>,
    sizes: Record<string, TabSize>,
    capture: CaptureSnapshot,
    journalDone: readonly string[],
  ): Promise<void> {
    await this.store.set({
      ...Object.fromEntries([...tabs].map(([tabId, tab]) => [tabKey(tabId), tab])),
      [SIZES_KEY]: sizes,
      [CAPTURE_KEY]: capture,
      ...Object.fromEntries(journalDone.map((key) => [key, null])),
    });
  }

  /**
   * Write-ahead journal: the (already sanitized) event is written the moment it arrives, before any await, so a
   * worker stopped while processing it (Chromium stops workers at will) leaves it to the next worker. Returns the
   * entry's key and the write, which the caller watches for failure.
   */
  journal(event: CaptureEvent): { readonly key: string; readonly written: Promise<void> } {
    const key = `${JOURNAL_PREFIX}${String(Date.now()).padStart(15, '0')}:${String(this.journalCounter++).padStart(9, '0')}:${Math.random().toString(36).slice(2, 8)}`;
    return { key, written: this.store.set({ [key]: event }) };
  }

  /** Removes journal entries whose events are stored (or changed nothing). */
  async journalDone(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.store.remove([...keys]);
  }

  /** Journal entries a stopped worker left unprocessed, oldest first; finished (null) entries are removed. */
  async pendingJournal(exclude: ReadonlySet<string>): Promise<{ key: string; event: CaptureEvent }[]> {
    const stored = await this.store.get(null);
    const finished: string[] = [];
    const pending: { key: string; event: CaptureEvent }[] = [];
    for (const [key, value] of Object.entries(stored)) {
      if (!key.startsWith(JOURNAL_PREFIX) || exclude.has(key)) continue;
      if (value === null) finished.push(key);
      else pending.push({ key, event: value as CaptureEvent });
    }
    if (finished.length > 0) await this.store.remove(finished);
    return pending.sort((left, right) => (left.key < right.key ? -1 : 1));
  }
}
