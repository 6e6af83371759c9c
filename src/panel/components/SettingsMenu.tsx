// Capture settings, stored in storage.local and applied by the background at once; a popover over the panel, so
// opening it moves nothing. In Chromium also where AuthScope watches fully (intranet sites, learned sites, every site).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { parseIntranetPattern, parseLearnedOrigins } from '../../core/exchange/watch-scope';
import { needsExtraHeaders } from '../../shared/capabilities';
import {
  type Settings,
  forgetLearnedOrigins,
  loadLearnedOrigins,
  loadSettings,
  onLearnedOriginsChanged,
  onSettingsChanged,
  saveSettings,
} from '../../shared/settings';

/** What the panel says about a site AuthScope has not learned yet (the README says the same). */
export const VISIBILITY_STATEMENT =
  'Chromium charges every page for the listeners that show authentication headers, so AuthScope watches fully only where Windows ' +
  'authentication lives: your intranet sites, names that never resolve publicly (*.test, *.local, *.internal…), and sites it has ' +
  'learned — from a server on a private, loopback or link-local address, a 401 offering Negotiate or NTLM, the site’s own ' +
  'Windows prompt, or a final response that ends a Windows sign-in. The first exchange with a site on a public address that signs in ' +
  'silently shows only its final response, and so does the first handshake with an intranet server whose name is not listed (its ' +
  'address is known only once it answers); from then on the site is watched fully.';

/** A checkbox bound to one boolean setting, saved as soon as it changes (disabled until the settings are read). */
function SettingToggle(props: {
  name: string;
  setting: 'keepRawTokens' | 'watchEverySite';
  settings: Settings | null;
  onSaved: (settings: Settings) => void;
  children: ComponentChildren;
}) {
  return (
    <label>
      <input
        type="checkbox"
        name={props.name}
        disabled={props.settings === null}
        checked={props.settings?.[props.setting] ?? false}
        onChange={(event) => void saveSettings({ [props.setting]: (event.currentTarget as HTMLInputElement).checked }).then(props.onSaved)}
      />
      {props.children}
    </label>
  );
}

const splitPatterns = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function WatchScopeSettings({ settings, onSaved }: { settings: Settings | null; onSaved: (settings: Settings) => void }) {
  const [learned, setLearned] = useState<number | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => {
    void loadLearnedOrigins().then((stored) => setLearned(parseLearnedOrigins(stored).length));
    return onLearnedOriginsChanged((stored) => setLearned(parseLearnedOrigins(stored).length));
  }, []);
  const text = draft ?? settings?.intranetPatterns.join(', ') ?? '';
  const invalid = splitPatterns(text).filter((pattern) => parseIntranetPattern(pattern) === null);
  return (
    <>
      <label class="settings-field">
        Intranet sites
        <input
          type="text"
          name="intranet-patterns"
          placeholder="*.corp.example, intranet"
          disabled={settings === null}
          value={text}
          onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
          onChange={(event) => {
            const patterns = splitPatterns((event.currentTarget as HTMLInputElement).value);
            void saveSettings({ intranetPatterns: patterns }).then((saved) => {
              setDraft(null);
              onSaved(saved);
            });
          }}
        />
      </label>
      {invalid.length > 0 && <p class="settings-hint">Not a host pattern, or a whole public suffix, ignored: {invalid.join(', ')}</p>}
      <SettingToggle name="watch-every-site" setting="watchEverySite" settings={settings} onSaved={onSaved}>
        Watch every site fully
      </SettingToggle>
      <div class="popover-row">
        <button type="button" name="forget-learned-sites" disabled={!learned} onClick={() => void forgetLearnedOrigins()}>
          Forget learned sites
        </button>
        <span class="settings-hint" data-learned-sites={learned ?? ''}>
          {learned === null ? '' : `${learned} learned`}
        </span>
      </div>
      <p class="settings-hint watch-scope-statement">
        {VISIBILITY_STATEMENT} “Watch every site fully” shows every site as before, at a page-load cost. Learned sites are kept in
        storage.local as origins only (no path, header or token).
      </p>
    </>
  );
}

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
        <SettingToggle name="keep-raw-tokens" setting="keepRawTokens" settings={settings} onSaved={setSettings}>
          Keep raw tokens
        </SettingToggle>
        <p class="settings-hint">
          Tokens are credentials (Kerberos tickets, NTLM responses). AuthScope keeps them in memory only (storage.session, gone when the
          browser closes). Turned off, the ones already captured are erased and only their decoded summaries are kept.
        </p>
        {needsExtraHeaders && <WatchScopeSettings settings={settings} onSaved={setSettings} />}
      </div>
    </details>
  );
}
