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
  MAX_STORED_JSON_BYTES,
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
  /** Journaled events not applied yet, oldest first. */
  private pending: { event: CaptureEvent; key: string }[] = [];
  /** Journal entries this worker wrote: the restore must not replay them (they are queued already). */
  private readonly ownJournal = new Set<string>();
  private readonly listeners = new Set<(exchange: Exchange) => void>();
  /** Cache of the stored tab sizes (read once per worker life). */
  private sizes: Record<string, TabSize> | null = null;

  constructor(private readonly browserFamily: BrowserFamily) {}

  /**
   * Journals the event at once, then queues it. Events are applied in arrival order; those that arrive while a
   * batch is being stored are applied together and stored in one write (at 50 authentications a second, one
   * write per event fell behind and the journal grew — measured by `npm run soak`).
   */
  enqueue(event: CaptureEvent): void {
    const key = journal(event);
    this.ownJournal.add(key);
    this.pending.push({ event, key });
    if (this.pending.length > 1) return;
    this.queue = this.queue.then(() => this.drain()).catch((error: unknown) => console.error('AuthScope capture failed', error));
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

  /** Applies every pending event, batch by batch, until none is left. */
  private async drain(): Promise<void> {
    const capture = this.capture ?? (await this.restore());
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const changed = await this.applyBatch(capture, batch);
      await this.publish(changed.tabs, changed.exchanges);
    }
  }

  /** Shows the changed tabs' badges and tells the listeners (open panels) about the changed exchanges. */
  private async publish(tabs: Iterable<number>, exchanges: readonly Exchange[]): Promise<void> {
    for (const tabId of tabs) {
      // Always shown again: a navigation commit may have wiped the same text since (PLATFORM.md).
      const badge = badgeFor((await this.tab(tabId)).exchanges);
      this.badges.set(tabId, badge);
      await showBadge(tabId, badge);
    }
    for (const exchange of exchanges) for (const listener of this.listeners) listener(exchange);
  }

  /**
   * Applies events in order and stores their effect in one write (see store), so a worker stopped at any point
   * leaves each event either pending or stored, never both, and storage never holds more than the bound (the
   * 100,000-exchange soak saw a batch's worth above it while eviction was a second write).
   */
  private async applyBatch(capture: Capture, batch: readonly { event: CaptureEvent; key: string }[]) {
    const exchanges = new Map<string, Exchange>();
    const recorded: CaptureEvent[] = [];
    for (const { event } of batch) {
      const exchange = capture.apply(event);
      if (!exchange) continue;
      recorded.push(event);
      exchanges.set(exchange.id, exchange);
    }
    const keys = batch.map(({ key }) => key);
    const tabs = await this.store(capture, [...exchanges.values()], keys);
    // The marks did their job once the write landed; a worker stopped before this leaves them to the restore.
    await journalDone(keys);
    for (const key of keys) this.ownJournal.delete(key);
    if (this.recordEvents && recorded.length > 0) await this.record(recorded);
    return { tabs, exchanges: [...exchanges.values()] };
  }

  /**
   * Stores changed exchanges in their tabs, trimmed to the overall bound, with the tab sizes, the capture state and
   * the journal marks in one write; returns the tabs that got exchanges (their badges follow).
   */
  private async store(capture: Capture, exchanges: readonly Exchange[], journalKeys: readonly string[]): Promise<Set<number>> {
    const tabs = new Map<number, StoredTab>();
    for (const exchange of exchanges) {
      tabs.set(exchange.tabId, withExchange(tabs.get(exchange.tabId) ?? (await this.tab(exchange.tabId)), exchange));
    }
    const changed = new Set(tabs.keys());
    const sizes = await this.tabSizes();
    for (const [tabId, tab] of tabs) sizes[tabId] = sizeOf(tab);
    for (const [evictedTab, drop] of Object.entries(evictionPlan(sizes, MAX_EXCHANGES_TOTAL, MAX_STORED_JSON_BYTES))) {
      const tabId = Number(evictedTab);
      const trimmed = { exchanges: (tabs.get(tabId) ?? (await this.tab(tabId))).exchanges.slice(drop) };
      tabs.set(tabId, trimmed);
      sizes[evictedTab] = sizeOf(trimmed);
    }
    for (const [tabId, tab] of tabs) this.tabs.set(tabId, tab);
    await save(tabs, sizes, capture.snapshot(), journalKeys);
    return changed;
  }

  /** Keeps a finished exchange the panel witnessed, unless this tab already holds it finished. */
  adopt(exchange: Exchange): void {
    this.queue = this.queue.then(async () => {
      const capture = this.capture ?? (await this.restore());
      const stored = (await this.tab(exchange.tabId)).exchanges.find((candidate) => candidate.id === exchange.id);
      if (stored?.done) return;
      const adopted = capture.adopt(exchange);
      await this.publish(await this.store(capture, [adopted], []), [adopted]);
    });
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
    const left = await pendingJournal(this.ownJournal);
    if (left.length > 0) await this.applyBatch(capture, left);
    this.capture = capture;
    return capture;
  }

  private async record(events: readonly CaptureEvent[]): Promise<void> {
    const stored = await browser.storage.session.get(TRACE_KEY);
    const trace = (stored[TRACE_KEY] as CaptureEvent[] | undefined) ?? [];
    trace.push(...events);
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
