// Chromium's full listeners watch where Windows authentication lives: this keeps the learned origins (storage.local,
// origins only), the user's intranet patterns and "Watch every site fully", and re-registers the full listeners
// when they change. The decisions are core/exchange/watch-scope; this only loads, saves and applies them.
import {
  type CheapFacts,
  type LearnedOrigins,
  fullWatchPatterns,
  hostMatches,
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

export class WatchScope {
  private learned: LearnedOrigins = [];
  private settings: Settings | null = null;
  private loopbackIsPublic = false;
  private patterns: readonly string[] = fullWatchPatterns({ everySite: false, intranetPatterns: [], learned: [] });
  private early: CheapFacts[] | null = [];
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
    if (!learnReason(facts, { loopbackIsPublic: this.loopbackIsPublic })) return;
    const origin = originOf(facts.url);
    const host = origin && hostOf(origin);
    if (!origin || !host || hostMatches(host, this.patterns)) return;
    const next = withLearnedOrigin(this.learned, origin);
    if (next === this.learned) return;
    this.learned = next;
    this.apply();
    this.deps.saveLearned(next).catch((error: unknown) => this.failed('learned origins write', error));
  }

  /** The stored learned origins changed (another page's "Forget learned sites", or this worker's own write). */
  learnedChanged(stored: unknown): void {
    this.learned = parseLearnedOrigins(stored);
    this.apply();
  }

  /** Tests only: count loopback servers as public from now on. */
  setLoopbackIsPublic(loopbackIsPublic: boolean): void {
    this.loopbackIsPublic = loopbackIsPublic;
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    this.apply();
  }

  private async load(): Promise<void> {
    try {
      const [settings, learned, loopbackIsPublic] = await Promise.all([
        this.deps.loadSettings(),
        this.deps.loadLearned(),
        this.deps.loadLoopbackIsPublic(),
      ]);
      this.settings = settings;
      this.learned = parseLearnedOrigins(learned);
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
    this.deps.setFullPatterns(this.patterns);
  }

  private failed(step: string, error: unknown): void {
    (this.deps.report ?? ((message, cause) => console.error(message, cause)))(`AuthScope ${step} failed`, error);
  }
}
