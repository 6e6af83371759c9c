// Chromium's full listeners watch where Windows authentication lives: this keeps the learned origins (storage.local,
// origins only), the user's intranet patterns and "Watch every site fully", and re-registers the full listeners
// when they change. The decisions are core/exchange/watch-scope; this only loads, saves and applies them.
import {
  type CheapFacts,
  type LearnedOrigins,
  fullWatchPatterns,
  hostMatcher,
  hostOf,
  learnReason,
  originOf,
  parseLearnedOrigins,
  withLearnedOrigin,
} from '../core/exchange/watch-scope';
import type { Settings } from '../shared/settings';

/** What the scope needs from the browser, passed in so it runs under unit tests. */
export interface WatchScopeDeps {
  readonly loadSettings: () => Promise<Settings>;
  readonly loadLearned: () => Promise<unknown>;
  readonly saveLearned: (origins: LearnedOrigins) => Promise<void>;
  /** Tests only: count loopback servers as public. */
  readonly loadLoopbackIsPublic: () => Promise<boolean>;
  readonly setFullPatterns: (patterns: readonly string[]) => void;
  readonly report?: (message: string, error: unknown) => void;
}

/** Most cheap facts held while the stored state loads (a worker just woke). */
const MAX_EARLY_FACTS = 200;

/** An intranet address serving more hosts than this is a proxy or a shared front (Chromium's `details.ip` is the
 *  proxy's for a proxied request): it teaches nothing, and what it taught is forgotten. */
export const MAX_HOSTS_PER_ADDRESS = 3;
/** Most addresses whose hosts are counted at once (memory only). */
const MAX_ADDRESSES = 256;

export class WatchScope {
  private learned: LearnedOrigins = [];
  private settings: Settings | null = null;
  private loopbackIsPublic = false;
  private patterns: readonly string[] = fullWatchPatterns({ everySite: false, intranetPatterns: [], learned: [] });
  private watchesFully = hostMatcher(this.patterns);
  private early: CheapFacts[] | null = [];
  /** Per intranet address: the hosts seen behind it and the origins learned from it (memory only, never stored). */
  private readonly byAddress = new Map<string, { hosts: Set<string>; taught: Set<string> }>();
  /** Learned lists this worker wrote whose storage.onChanged echo has not come back yet. */
  private readonly pendingEchoes: string[] = [];
  /** Changes that arrived while the stored state loaded: they are newer than what the load read. */
  private changedWhileLoading = { settings: false, learned: false };
  /** Settled once the stored settings and learned origins are applied. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: WatchScopeDeps) {
    this.ready = this.load().catch((error: unknown) => this.failed('watch scope load', error));
  }

  /** The patterns the full listeners are registered for now. */
  get fullPatterns(): readonly string[] {
    return this.patterns;
  }

  /** Called for every cheap event outside the full listeners' reach: learns its origin when it shows Windows
   *  authentication or an intranet server. Nothing is awaited for the common case (nothing to learn). */
  learn(facts: CheapFacts): void {
    if (this.early) {
      if (this.early.length < MAX_EARLY_FACTS) this.early.push(facts);
      return;
    }
    const reason = learnReason(facts, { loopbackIsPublic: this.loopbackIsPublic });
    if (!reason) return;
    const origin = originOf(facts.url);
    const host = origin && hostOf(origin);
    if (!origin || !host) return;
    if (reason === 'address' && facts.ip && !this.addressTeaches(facts.ip, host, origin)) return;
    if (this.watchesFully(host)) return;
    this.save(withLearnedOrigin(this.learned, origin));
  }

  /** The stored learned origins changed: "Forget learned sites" in a panel, or the echo of this worker's own write
   *  (ignored: a later write may already have added to it). */
  learnedChanged(stored: unknown): void {
    const echo = stored === undefined ? -1 : this.pendingEchoes.indexOf(JSON.stringify(stored));
    if (echo >= 0) {
      this.pendingEchoes.splice(0, echo + 1);
      return;
    }
    if (this.early) this.changedWhileLoading.learned = true;
    this.learned = parseLearnedOrigins(stored);
    this.apply();
  }

  /** Tests only: count loopback servers as public from now on. */
  setLoopbackIsPublic(loopbackIsPublic: boolean): void {
    this.loopbackIsPublic = loopbackIsPublic;
  }

  applySettings(settings: Settings): void {
    if (this.early) this.changedWhileLoading.settings = true;
    this.settings = settings;
    this.apply();
  }

  /** Counts the host behind an intranet address; false once the address serves too many hosts to be one server, and
   *  then the origins it taught are forgotten. */
  private addressTeaches(ip: string, host: string, origin: string): boolean {
    let seen = this.byAddress.get(ip);
    if (!seen) {
      if (this.byAddress.size >= MAX_ADDRESSES) this.byAddress.delete(this.byAddress.keys().next().value as string);
      seen = { hosts: new Set(), taught: new Set() };
      this.byAddress.set(ip, seen);
    }
    if (seen.hosts.size <= MAX_HOSTS_PER_ADDRESS) seen.hosts.add(host);
    if (seen.hosts.size <= MAX_HOSTS_PER_ADDRESS) {
      seen.taught.add(origin);
      return true;
    }
    if (seen.taught.size > 0) {
      const taught = seen.taught;
      seen.taught = new Set();
      const kept = this.learned.filter((learned) => !taught.has(learned));
      if (kept.length < this.learned.length) this.save(kept);
    }
    return false;
  }

  /** `next` is the same array when nothing changed (withLearnedOrigin). */
  private save(next: LearnedOrigins): void {
    if (next === this.learned) return;
    this.learned = next;
    this.apply();
    this.pendingEchoes.push(JSON.stringify(next));
    if (this.pendingEchoes.length > 50) this.pendingEchoes.shift();
    this.deps.saveLearned(next).catch((error: unknown) => this.failed('learned origins write', error));
  }

  private async load(): Promise<void> {
    try {
      const [settings, learned, loopbackIsPublic] = await Promise.all([
        this.deps.loadSettings(),
        this.deps.loadLearned(),
        this.deps.loadLoopbackIsPublic(),
      ]);
      if (!this.changedWhileLoading.settings) this.settings = settings;
      if (!this.changedWhileLoading.learned) this.learned = parseLearnedOrigins(learned);
      this.loopbackIsPublic = loopbackIsPublic;
      this.apply();
    } finally {
      const early = this.early ?? [];
      this.early = null;
      for (const facts of early) this.learn(facts);
    }
  }

  private apply(): void {
    this.patterns = fullWatchPatterns({
      everySite: this.settings?.watchEverySite ?? false,
      intranetPatterns: this.settings?.intranetPatterns ?? [],
      learned: this.learned,
    });
    this.watchesFully = hostMatcher(this.patterns);
    this.deps.setFullPatterns(this.patterns);
  }

  private failed(step: string, error: unknown): void {
    (this.deps.report ?? ((message, cause) => console.error(message, cause)))(`AuthScope ${step} failed`, error);
  }
}
