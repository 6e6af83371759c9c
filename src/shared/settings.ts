// User settings in storage.local (they hold no captured data): read by the background and edited in the panel. Beside
// them, the origins where Windows authentication was seen (origins only: no path, header or token).
import { browser } from './browser';

export interface Settings {
  /** Keep raw tokens in memory (storage.session); off = only their decoded summaries are kept. */
  readonly keepRawTokens: boolean;
  /** Hosts the user names as intranet ("*.corp.example", "intranet"): watched fully from their first request. */
  readonly intranetPatterns: readonly string[];
  /** Chromium: full listeners on every URL (every leg Chromium shows, everywhere, at its page-load price). */
  readonly watchEverySite: boolean;
}

export const DEFAULT_SETTINGS: Settings = { keepRawTokens: true, intranetPatterns: [], watchEverySite: false };

const SETTINGS_KEY = 'settings';

function withDefaults(stored: unknown): Settings {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    keepRawTokens: typeof value.keepRawTokens === 'boolean' ? value.keepRawTokens : DEFAULT_SETTINGS.keepRawTokens,
    intranetPatterns: Array.isArray(value.intranetPatterns)
      ? value.intranetPatterns.filter((pattern): pattern is string => typeof pattern === 'string').slice(0, 200)
      : DEFAULT_SETTINGS.intranetPatterns,
    watchEverySite: typeof value.watchEverySite === 'boolean' ? value.watchEverySite : DEFAULT_SETTINGS.watchEverySite,
  };
}

export async function loadSettings(): Promise<Settings> {
  return withDefaults((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...change };
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `listener` whenever the settings change (from any extension page or the background). */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(withDefaults(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

const LEARNED_KEY = 'learned-origins';
/** Written by tests only (no control sets it): count loopback servers as public, to simulate a public site on the lab. */
export const TEST_LOOPBACK_IS_PUBLIC_KEY = 'test:loopback-is-public';

/** The origins learned so far, as stored (the background parses them). */
export async function loadLearnedOrigins(): Promise<unknown> {
  return (await browser.storage.local.get(LEARNED_KEY))[LEARNED_KEY];
}

export async function saveLearnedOrigins(origins: readonly string[]): Promise<void> {
  await browser.storage.local.set({ [LEARNED_KEY]: [...origins] });
}

/** "Forget learned sites". */
export async function forgetLearnedOrigins(): Promise<void> {
  await browser.storage.local.remove(LEARNED_KEY);
}

/** Calls `listener` with the stored learned origins whenever they change (forgotten: undefined). */
export function onLearnedOriginsChanged(listener: (stored: unknown) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && LEARNED_KEY in changes) listener(changes[LEARNED_KEY]?.newValue);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

/** Calls `listener` when a test sets or clears TEST_LOOPBACK_IS_PUBLIC_KEY. */
export function onLoopbackIsPublicChanged(listener: (loopbackIsPublic: boolean) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && TEST_LOOPBACK_IS_PUBLIC_KEY in changes) listener(changes[TEST_LOOPBACK_IS_PUBLIC_KEY]?.newValue === true);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

/** Whether tests asked to count loopback as public (see TEST_LOOPBACK_IS_PUBLIC_KEY). */
export async function loadLoopbackIsPublic(): Promise<boolean> {
  return (await browser.storage.local.get(TEST_LOOPBACK_IS_PUBLIC_KEY))[TEST_LOOPBACK_IS_PUBLIC_KEY] === true;
}
