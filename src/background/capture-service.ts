// Runs capture events through the core in arrival order: sanitize and journal each one at once, restore state after
// a worker restart, apply, persist to storage.session, update the tab's badge. Everything durable lives in storage;
// globals are caches. Every step catches its own failure, counts it and lets the next one run: one rejected write or
// one bad message never stalls capture.
import { badgeFor, type BadgeState } from '../core/diagnosis/badge';
import { Capture } from '../core/exchange/capture';
import type { BrowserFamily, CaptureEvent } from '../core/exchange/events';
import { fitForStorage } from '../core/exchange/limits';
import type { Exchange } from '../core/exchange/model';
import { withoutRawTokens } from '../core/exchange/raw-tokens';
import { type TabSize, evictionPlan } from '../core/exchange/retention';
import { sanitizeEvent } from '../core/exchange/sanitize';
import { parseExchange } from '../core/exchange/validate';
import type { Settings } from '../shared/settings';
import { type ExchangeStore, MAX_EXCHANGES_TOTAL, MAX_STORED_JSON_BYTES, type StoredTab, sizeOf, withExchange } from './exchange-store';

/** What the service needs from the browser, passed in so it runs under unit tests with in-memory stand-ins. */
export interface CaptureServiceDeps {
  readonly store: ExchangeStore;
  readonly showBadge: (tabId: number, badge: BadgeState) => Promise<void>;
  readonly loadSettings: () => Promise<Settings>;
  /** Where failures are reported (the worker's console). */
  readonly report?: (message: string, error: unknown) => void;
}

export class CaptureService {
  private capture: Capture | null = null;
  private readonly tabs = new Map<number, StoredTab>();
  private readonly badges = new Map<number, BadgeState>();
  private queue: Promise<void> = Promise.resolve();
  private draining = false;
  /** Journaled events not applied yet, oldest first. */
  private pending: { event: CaptureEvent; key: string }[] = [];
  /** Journal entries this worker wrote: the restore must not replay them (they are queued already). */
  private readonly ownJournal = new Set<string>();
  private readonly listeners = new Set<(exchange: Exchange) => void>();
  /** Cache of the stored tab sizes (read once per worker life). */
  private sizes: Record<string, TabSize> | null = null;
  /** Steps that failed since this worker started (the panel's status shows it). */
  failures = 0;

  constructor(
    private readonly browserFamily: BrowserFamily,
    private readonly deps: CaptureServiceDeps,
  ) {}

  /**
   * Sanitizes and journals the event at once, then queues it. The journal never holds a raw token (the setting may
   * not be known yet when a worker wakes): it keeps their decoded summaries, and the queued copy in memory keeps the
   * tokens for the capture to keep or drop as set. Events are applied in arrival order; those that arrive while a
   * batch is being stored are applied together and stored in one write (at 50 authentications a second, one write
   * per event fell behind and the journal grew — measured by `npm run soak`).
   */
  enqueue(raw: CaptureEvent): void {
    const event = sanitizeEvent(raw, true);
    const { key, written } = this.deps.store.journal(sanitizeEvent(event, false));
    written.catch((error: unknown) => this.failed('journal write', error));
    this.ownJournal.add(key);
    this.pending.push({ event, key });
    if (this.draining) return;
    this.draining = true;
    this.step('capture', () => this.drain());
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

  /** The tab's exchanges, after every queued step — and, in a restarted worker, after the journal a stopped one
   *  left was replayed. */
  async exchanges(tabId: number): Promise<readonly Exchange[]> {
    this.step('restore', async () => {
      if (!this.capture) await this.restore();
    });
    await this.queue;
    return (await this.tab(tabId)).exchanges;
  }

  /** A navigation commit wipes a badge set during it (docs/platform-notes.md): show it again. */
  reapplyBadge(tabId: number): void {
    this.step('badge', async () => {
      const badge = this.badges.get(tabId) ?? badgeFor((await this.tab(tabId)).exchanges);
      if (badge.text) await this.deps.showBadge(tabId, badge);
    });
  }

  /** Applies changed settings; turning raw tokens off removes those already captured from storage.session. */
  applySettings(settings: Settings): void {
    this.step('settings', async () => {
      const capture = this.capture ?? (await this.restore());
      capture.setKeepRawTokens(settings.keepRawTokens);
      if (settings.keepRawTokens) return;
      for (const tabId of Object.keys(await this.tabSizes()).map(Number)) {
        const tab = await this.tab(tabId);
        const stripped = { exchanges: tab.exchanges.map(withoutRawTokens) };
        this.tabs.set(tabId, stripped);
        await this.deps.store.saveTab(tabId, stripped);
      }
      await this.deps.store.saveCapture(capture.snapshot());
    });
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
    this.badges.delete(tabId);
    this.step('forget', async () => {
      await this.deps.store.forgetTab(tabId);
      const sizes = await this.tabSizes();
      delete sizes[tabId];
      await this.deps.store.saveTabSizes(sizes);
    });
  }

  /** Keeps a finished exchange the panel witnessed, unless this tab already holds it finished. Checked field by
   *  field first: what arrives over a port is untrusted. */
  adopt(received: Exchange): void {
    this.step('adopt', async () => {
      const exchange = parseExchange(received);
      if (!exchange?.done) throw new Error('an adopted exchange failed its checks');
      const capture = this.capture ?? (await this.restore());
      const stored = (await this.tab(exchange.tabId)).exchanges.find((candidate) => candidate.id === exchange.id);
      if (stored?.done) return;
      const adopted = capture.adopt(exchange);
      await this.publish(await this.store(capture, [adopted], []), [adopted]);
    });
  }

  /** Chains a step on the queue; its failure is counted and reported, and the queue stays usable. */
  private step(name: string, body: () => Promise<void>): void {
    this.queue = this.queue.then(body).catch((error: unknown) => this.failed(name, error));
  }

  private failed(step: string, error: unknown): void {
    this.failures++;
    (this.deps.report ?? ((message, cause) => console.error(message, cause)))(`AuthScope ${step} failed`, error);
  }

  /** Applies every pending event, batch by batch, until none is left; a batch that fails is counted and skipped
   *  (its events stay journaled for the next worker's restore). */
  private async drain(): Promise<void> {
    try {
      const capture = this.capture ?? (await this.restore());
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          const changed = await this.applyBatch(capture, batch);
          await this.publish(changed.tabs, changed.exchanges);
        } catch (error) {
          this.failed('store', error);
        }
      }
    } finally {
      this.draining = false;
      // Events that arrived after the last check (or while a restore failed) start the next drain.
      if (this.pending.length > 0) {
        this.draining = true;
        this.step('capture', () => this.drain());
      }
    }
  }

  /** Shows the changed tabs' badges and tells the listeners (open panels) about the changed exchanges. */
  private async publish(tabs: Iterable<number>, exchanges: readonly Exchange[]): Promise<void> {
    for (const tabId of tabs) {
      // Always shown again: a navigation commit may have wiped the same text since (docs/platform-notes.md).
      const badge = badgeFor((await this.tab(tabId)).exchanges);
      this.badges.set(tabId, badge);
      await this.deps.showBadge(tabId, badge);
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
    for (const { event } of batch) {
      const exchange = capture.apply(event);
      if (exchange) exchanges.set(exchange.id, exchange);
    }
    const keys = batch.map(({ key }) => key);
    const tabs = await this.store(capture, [...exchanges.values()], keys);
    // The marks did their job once the write landed; a worker stopped before this leaves them to the restore.
    await this.deps.store.journalDone(keys);
    for (const key of keys) this.ownJournal.delete(key);
    return { tabs, exchanges: [...exchanges.values()] };
  }

  /**
   * Stores changed exchanges in their tabs — each fitted to the per-exchange bound, all trimmed to the overall
   * bound with the offender paying — with the tab sizes, the capture state and the journal marks in one write;
   * returns the tabs that got exchanges (their badges follow).
   */
  private async store(capture: Capture, exchanges: readonly Exchange[], journalKeys: readonly string[]): Promise<Set<number>> {
    const tabs = new Map<number, StoredTab>();
    for (const exchange of exchanges) {
      tabs.set(exchange.tabId, withExchange(tabs.get(exchange.tabId) ?? (await this.tab(exchange.tabId)), fitForStorage(exchange)));
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
    await this.deps.store.save(tabs, sizes, capture.snapshot(), journalKeys);
    return changed;
  }

  private async tabSizes(): Promise<Record<string, TabSize>> {
    this.sizes ??= await this.deps.store.loadTabSizes();
    return this.sizes;
  }

  private async restore(): Promise<Capture> {
    const [snapshot, settings] = await Promise.all([this.deps.store.loadCapture(), this.deps.loadSettings()]);
    const capture = new Capture({ browser: this.browserFamily, keepRawTokens: settings.keepRawTokens }, snapshot);
    // Events a stopped worker journaled but never finished: apply them first, in their order.
    const left = await this.deps.store.pendingJournal(this.ownJournal);
    if (left.length > 0) await this.applyBatch(capture, left);
    this.capture = capture;
    return capture;
  }

  private async tab(tabId: number): Promise<StoredTab> {
    const cached = this.tabs.get(tabId);
    if (cached) return cached;
    const loaded = await this.deps.store.loadTab(tabId);
    this.tabs.set(tabId, loaded);
    return loaded;
  }
}
