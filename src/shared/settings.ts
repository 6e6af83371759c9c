// User settings in storage.local (they hold no captured data): read by the background and edited in the panel.
import { browser } from './browser';

export interface Settings {
  /** Keep raw tokens in memory (storage.session); off = only their decoded summaries are kept. */
  readonly keepRawTokens: boolean;
}

export const DEFAULT_SETTINGS: Settings = { keepRawTokens: true };

const SETTINGS_KEY = 'settings';

function withDefaults(stored: unknown): Settings {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    keepRawTokens: typeof value.keepRawTokens === 'boolean' ? value.keepRawTokens : DEFAULT_SETTINGS.keepRawTokens,
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
