// Capture settings, stored in storage.local and applied by the background at once; a popover over the panel, so
// opening it moves nothing.
import { useEffect, useState } from 'preact/hooks';
import { type Settings, loadSettings, onSettingsChanged, saveSettings } from '../../shared/settings';

export function SettingsMenu() {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void loadSettings().then(setSettings);
    return onSettingsChanged(setSettings);
  }, []);
  return (
    <details class="settings overflow">
      <summary>Settings</summary>
      <div class="popover">
        <label>
          <input
            type="checkbox"
            name="keep-raw-tokens"
            disabled={settings === null}
            checked={settings?.keepRawTokens ?? false}
            onChange={(event) => void saveSettings({ keepRawTokens: (event.currentTarget as HTMLInputElement).checked }).then(setSettings)}
          />
          Keep raw tokens
        </label>
        <p class="settings-hint">
          Tokens are credentials (Kerberos tickets, NTLM responses). AuthScope keeps them in memory only (storage.session, gone when the
          browser closes). Turned off, the ones already captured are erased and only their decoded summaries are kept.
        </p>
      </div>
    </details>
  );
}
