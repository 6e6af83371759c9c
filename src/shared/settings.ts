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

/** A storage.local key's stored value (undefined when absent). */
async function loadLocalValue(key: string): Promise<unknown> {
  return (await browser.storage.local.get(key))[key];
}

export async function loadSettings(): Promise<Settings> {
  return withDefaults(await loadLocalValue(SETTINGS_KEY));
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...change };
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `listener` with a storage.local key's new value (undefined once removed) whenever it changes, from any
 *  extension page or the background; returns how to stop. */
function onLocalValueChanged(key: string, listener: (stored: unknown) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) listener(changes[key]?.newValue);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

/** Calls `listener` whenever the settings change. */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  return onLocalValueChanged(SETTINGS_KEY, (stored) => listener(withDefaults(stored)));
}

const LEARNED_KEY = 'learned-origins';
/** Written by tests only (no control sets it): count loopback servers as public, to simulate a public site on the lab. */
export const TEST_LOOPBACK_IS_PUBLIC_KEY = 'test:loopback-is-public';

/** The origins learned so far, as stored (the background parses them). */
export async function loadLearnedOrigins(): Promise<unknown> {
  return loadLocalValue(LEARNED_KEY);
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
  return onLocalValueChanged(LEARNED_KEY, listener);
}

/** Calls `listener` when a test sets or clears TEST_LOOPBACK_IS_PUBLIC_KEY. */
export function onLoopbackIsPublicChanged(listener: (loopbackIsPublic: boolean) => void): () => void {
  return onLocalValueChanged(TEST_LOOPBACK_IS_PUBLIC_KEY, (stored) => listener(stored === true));
}

/** Whether tests asked to count loopback as public (see TEST_LOOPBACK_IS_PUBLIC_KEY). */
export async function loadLoopbackIsPublic(): Promise<boolean> {
  return (await loadLocalValue(TEST_LOOPBACK_IS_PUBLIC_KEY)) === true;
}
