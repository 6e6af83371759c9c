// Runs capture events through the core one at a time: restore state after a worker restart, apply the event,
// persist to storage.session, update the tab's badge. Everything durable lives in storage; globals are caches.
import { badgeFor, type BadgeState } from '../core/exchange/badge';
import { Capture } from '../core/exchange/capture';
import type { BrowserFamily, CaptureEvent } from '../core/exchange/events';
import type { Exchange } from '../core/exchange/model';
import { browser } from '../shared/browser';
import { type Settings, loadSettings } from '../shared/settings';
import { withoutRawTokens } from '../core/exchange/raw-tokens';
import { showBadge } from './badge';
import { type TabSize, evictionPlan } from '../core/exchange/retention';
import {
  MAX_EXCHANGES_TOTAL,
  type StoredTab,
  forgetTab,
  journal,
  journalDone,
  loadCapture,
  loadTab,
  loadTabSizes,
  pendingJournal,
  save,
  saveCapture,
  saveTab,
  saveTabSizes,
  sizeOf,
  withExchange,
} from './exchange-store';

const TRACE_KEY = 'trace';
const MAX_TRACE_EVENTS = 5000;

export class CaptureService {
  private capture: Capture | null = null;
  private recordEvents = false;
  private readonly tabs = new Map<number, StoredTab>();
  private readonly badges = new Map<number, BadgeState>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Journal entries this worker wrote: the restore must not replay them (they are queued already). */
  private readonly ownJournal = new Set<string>();
  private readonly listeners = new Set<(exchange: Exchange) => void>();
  /** Cache of the stored tab sizes (read once per worker life). */
  private sizes: Record<string, TabSize> | null = null;

  constructor(private readonly browserFamily: BrowserFamily) {}

  /** Journals the event at once, then queues it; events are applied in arrival order across async storage calls. */
  enqueue(event: CaptureEvent): void {
    const key = journal(event);
    this.ownJournal.add(key);
    this.queue = this.queue.then(() => this.handle(event, key)).catch((error: unknown) => console.error('AuthScope capture failed', error));
  }

  /** Cheap synchronous pre-check before queueing; before the state is loaded every event may matter. */
  mightMatter(event: CaptureEvent): boolean {
    return this.capture === null || this.capture.isRelevant(event);
  }

  /** Calls `listener` with every exchange created or changed. */
  onExchange(listener: (exchange: Exchange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tab's exchanges (restored from storage if the worker restarted). */
  async exchanges(tabId: number): Promise<readonly Exchange[]> {
    await this.queue;
    return (await this.tab(tabId)).exchanges;
  }

  /** A navigation commit wipes a badge set during it (PLATFORM.md): show it again. */
  reapplyBadge(tabId: number): void {
    this.queue = this.queue.then(async () => {
      const badge = this.badges.get(tabId) ?? badgeFor((await this.tab(tabId)).exchanges);
      if (badge.text) await showBadge(tabId, badge);
    });
  }

  /** Applies changed settings; turning raw tokens off removes those already captured from storage.session. */
  applySettings(settings: Settings): void {
    this.queue = this.queue.then(async () => {
      const capture = this.capture ?? (await this.restore());
      this.recordEvents = settings.recordEvents;
      capture.setKeepRawTokens(settings.keepRawTokens);
      if (settings.keepRawTokens) return;
      for (const tabId of Object.keys(await this.tabSizes()).map(Number)) {
        const tab = await this.tab(tabId);
        const stripped = { exchanges: tab.exchanges.map(withoutRawTokens) };
        this.tabs.set(tabId, stripped);
        await saveTab(tabId, stripped);
      }
      await saveCapture(capture.snapshot());
      await browser.storage.session.remove(TRACE_KEY);
    });
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
    this.badges.delete(tabId);
    this.queue = this.queue.then(async () => {
      await forgetTab(tabId);
      const sizes = await this.tabSizes();
      delete sizes[tabId];
      await saveTabSizes(sizes);
    });
  }

  private async handle(event: CaptureEvent, journalKey: string): Promise<void> {
    const capture = this.capture ?? (await this.restore());
    const exchange = capture.apply(event);
    if (!exchange) {
      await journalDone([journalKey]);
      return;
    }
    if (this.recordEvents) await this.record(event);
    const tab = await this.store(capture, exchange, journalKey);
    await this.keepWithinBound(exchange.tabId, tab);
    // Always shown again: a navigation commit may have wiped the same text since (PLATFORM.md).
    const badge = badgeFor(tab.exchanges);
    this.badges.set(exchange.tabId, badge);
    await showBadge(exchange.tabId, badge);
    for (const listener of this.listeners) listener(exchange);
  }

  /** Puts the exchange in its tab and saves tab, capture state and journal mark in one write. */
  private async store(capture: Capture, exchange: Exchange, journalKey: string): Promise<StoredTab> {
    const tab = withExchange(await this.tab(exchange.tabId), exchange);
    this.tabs.set(exchange.tabId, tab);
    await save(exchange.tabId, tab, capture.snapshot(), [journalKey]);
    return tab;
  }

  /** Records the tab's size and trims the oldest tabs when all of them together exceed the overall bound. */
  private async keepWithinBound(tabId: number, tab: StoredTab): Promise<void> {
    const sizes = await this.tabSizes();
    sizes[tabId] = sizeOf(tab);
    for (const [evictedTab, drop] of Object.entries(evictionPlan(sizes, MAX_EXCHANGES_TOTAL))) {
      const id = Number(evictedTab);
      const trimmed = { exchanges: (await this.tab(id)).exchanges.slice(drop) };
      this.tabs.set(id, trimmed);
      await saveTab(id, trimmed);
      sizes[evictedTab] = sizeOf(trimmed);
    }
    await saveTabSizes(sizes);
  }

  private async tabSizes(): Promise<Record<string, TabSize>> {
    this.sizes ??= await loadTabSizes();
    return this.sizes;
  }

  private async restore(): Promise<Capture> {
    const [snapshot, settings] = await Promise.all([loadCapture(), loadSettings()]);
    const capture = new Capture({ browser: this.browserFamily, keepRawTokens: settings.keepRawTokens }, snapshot);
    this.recordEvents = settings.recordEvents;
    // Events a stopped worker journaled but never finished: apply them first, in their order.
    for (const { key, event } of await pendingJournal(this.ownJournal)) {
      const exchange = capture.apply(event);
      if (exchange) await this.store(capture, exchange, key);
      else await journalDone([key]);
    }
    this.capture = capture;
    return capture;
  }

  private async record(event: CaptureEvent): Promise<void> {
    const stored = await browser.storage.session.get(TRACE_KEY);
    const trace = (stored[TRACE_KEY] as CaptureEvent[] | undefined) ?? [];
    trace.push(event);
    await browser.storage.session.set({ [TRACE_KEY]: trace.slice(-MAX_TRACE_EVENTS) });
  }

  private async tab(tabId: number): Promise<StoredTab> {
    const cached = this.tabs.get(tabId);
    if (cached) return cached;
    const loaded = await loadTab(tabId);
    this.tabs.set(tabId, loaded);
    return loaded;
  }
}
